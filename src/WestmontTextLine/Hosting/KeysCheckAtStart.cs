using StackExchange.Redis;
using WestmontTextLine.Privacy;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Keys that do not fit the store stop start-up in one line (<see cref="StoredKeysCheck"/>), before anything answers.
/// The check runs on a spare thread while the main thread maps the endpoints (it opens the private records and reads
/// one: 20-35 ms, all of it on the way to the first answer when it ran in line), and start-up waits for its verdict
/// before the server listens. At a first start the record is written after the verdict, not waited for. A store that
/// does not answer yet (Redis down: the line starts anyway and gives the safety reply) is not checked at this start,
/// and a warning says so. While TextLine:PreviousEncryptionKey is set, a warning says which key the store is under.
/// </summary>
public sealed class KeysCheckAtStart
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);
    private readonly WebApplication _app;
    private readonly Task<KeysVerdict> _verdict;

    private KeysCheckAtStart(WebApplication app)
    {
        _app = app;
        // Resolved there too: opening the private records is half of the check's time.
        _verdict = Task.Run(async () =>
        {
            using var timeout = new CancellationTokenSource(Budget);
            var check = app.Services.GetRequiredService<StoredKeysCheck>();
            var verdict = await check.VerdictAsync(timeout.Token);
            if (verdict.RecordMissing) _ = WriteRecordAsync(check);
            return verdict;
        });
    }

    // Not waited for: a store with no record yet is checked by its other records again at the next start.
    private async Task WriteRecordAsync(StoredKeysCheck check)
    {
        try
        {
            using var timeout = new CancellationTokenSource(Budget);
            await check.WriteRecordAsync(timeout.Token);
        }
        catch (Exception ex)
        {
            _app.Logger.LogWarning("The keys' check record could not be written at this start ({Fault}); it is written at the next start.",
                ex.GetType().Name);
        }
    }

    public static KeysCheckAtStart Start(WebApplication app) => new(app);

    /// <summary>Waits for the check; throws <see cref="StorageUnavailableException"/> with what is wrong.</summary>
    public void Finish()
    {
        KeysVerdict verdict;
        try
        {
            verdict = _verdict.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (NotAnswered(ex))
        {
            _app.Logger.LogWarning("The keys could not be checked against the store at this start ({Fault}); they are checked at the next start.",
                ex.GetType().Name);
            return;
        }
        if (verdict.Problem is { } problem) throw new StorageUnavailableException(problem);
        if (verdict.Notice is { } notice) _app.Logger.LogWarning("{Notice}", notice);
    }

    // A method of its own, compiled only when the check failed: naming RedisException in Finish's filter loaded the
    // Redis client at every start, on SQLite too.
    private static bool NotAnswered(Exception ex) => ex is RedisException or TimeoutException or OperationCanceledException;
}

public static class KeysCheckAtStartExtensions
{
    /// <summary>Starts the keys check beside the rest of start-up; <see cref="KeysCheckAtStart.Finish"/> waits for it.</summary>
    public static KeysCheckAtStart StartTheKeysCheck(this WebApplication app) => KeysCheckAtStart.Start(app);
}
