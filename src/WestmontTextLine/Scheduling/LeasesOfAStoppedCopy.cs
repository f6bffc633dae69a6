using Microsoft.Extensions.Options;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Scheduling;

/// <summary>
/// At the start of the line on SQLite, before its workers: what the copy before it had claimed and not finished (a
/// deploy's stop or kill -9 in the middle of a pass: a burst of BUDDY requests, a check-in falling due) is due at once,
/// not when that copy's 2-minute leases end (<see cref="SqliteScheduledWork.EndLeasesOfAStoppedCopyAsync"/>). The web
/// host holds the file's claim by then, so no other copy is working on it. On Redis another instance may still be, and
/// its leases stand. A store that does not answer now only leaves the leases to end by themselves.
/// </summary>
/// <remarks>
/// The change is queued with the SQLite writer as the host starts, and not waited for: the writer applies changes in
/// the order they are queued, so it lands before any worker's first claim, which is queued later. Waited for, it sent
/// the host's start on asynchronously, on another thread, and the JIT compiled the host's async machinery on the way
/// to the first answer (cold start, bench/README.md).
/// </remarks>
public sealed class LeasesOfAStoppedCopy(
    IServiceProvider services,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<LeasesOfAStoppedCopy> logger) : IHostedService
{
    /// <summary>How long the change may wait for the store; past it, the leases end by themselves.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!storage.Value.Is(StorageOptions.Sqlite)) return Task.CompletedTask;
        var budget = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        budget.CancelAfter(Budget);
        try
        {
            if (services.GetRequiredService<IScheduledWork>() is SqliteScheduledWork work)
            {
                // As a plain Task: Task<int>'s own ContinueWith is generic code the JIT would compile.
                Task ending = work.EndLeasesOfAStoppedCopyAsync(time.GetUtcNow(), budget.Token);
                _ = ending.ContinueWith(LogWhenDone, budget, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return Task.CompletedTask;
            }
        }
        catch (Exception ex)
        {
            LogNotDone(ex);
        }
        budget.Dispose();
        return Task.CompletedTask;
    }

    // A continuation, not an async method: the JIT compiled an async method's state machine over this class (12
    // methods) beside the line's start, where the CPU is the first answer's (bench/README.md, cold start).
    private void LogWhenDone(Task ending, object? state)
    {
        var budget = (CancellationTokenSource)state!;
        try
        {
            var count = ((Task<int>)ending).GetAwaiter().GetResult();
            if (count > 0)
            {
                logger.LogInformation("Scheduled work: {Count} item(s) the line's last run had claimed and not finished are due now.", count);
            }
        }
        catch (Exception ex) when (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            LogNotDone(ex);
        }
        catch (Exception)
        {
            // The line stopped first: its workers make no passes.
        }
        finally
        {
            budget.Dispose();
        }
    }

    private void LogNotDone(Exception fault) =>
        logger.LogWarning("Scheduled work: what the line's last run had claimed could not be made due now ({Fault}); it is "
            + "taken when its lease ends, within 2 minutes.", fault.GetType().Name);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
