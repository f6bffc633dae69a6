using StackExchange.Redis;
using WestmontTextLine.Privacy;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Hosting;

public static class KeysCheckAtStart
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Before anything answers: keys that do not fit the store stop start-up in one line (<see cref="StoredKeysCheck"/>).
    /// A store that does not answer yet (Redis down: the line starts anyway and gives the safety reply) is not checked
    /// at this start, and a warning says so.
    /// </summary>
    public static WebApplication CheckTheKeys(this WebApplication app)
    {
        string? problem;
        try
        {
            using var timeout = new CancellationTokenSource(Budget);
            problem = app.Services.GetRequiredService<StoredKeysCheck>().ProblemAsync(timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            app.Logger.LogWarning("The keys could not be checked against the store at this start ({Fault}); they are checked at the next start.",
                ex.GetType().Name);
            return app;
        }
        if (problem is not null) throw new StorageUnavailableException(problem);
        return app;
    }
}
