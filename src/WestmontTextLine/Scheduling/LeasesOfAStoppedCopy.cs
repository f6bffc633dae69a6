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
public sealed class LeasesOfAStoppedCopy(
    IServiceProvider services,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<LeasesOfAStoppedCopy> logger) : IHostedService
{
    /// <summary>How long the start waits on the store for this; past it, the leases end by themselves.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!storage.Value.Is(StorageOptions.Sqlite)) return;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            if (services.GetRequiredService<IScheduledWork>() is not SqliteScheduledWork work) return;
            var count = await work.EndLeasesOfAStoppedCopyAsync(time.GetUtcNow(), budget.Token);
            if (count > 0)
            {
                logger.LogInformation("Scheduled work: {Count} item(s) the line's last run had claimed and not finished are due now.", count);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Scheduled work: what the line's last run had claimed could not be made due now ({Fault}); it is "
                + "taken when its lease ends, within 2 minutes.", ex.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
