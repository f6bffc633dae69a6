using Microsoft.Extensions.Options;
using WestmontTextLine.Hosting;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Scheduling;

/// <summary>
/// At a clean stop (SIGTERM: a restart, a deploy one instance at a time), after the workers have stopped: what this
/// instance had claimed and not finished is given back to the instances still running (<see cref="IScheduledWork.GiveBackLeasesAsync"/>),
/// due at once, not when its 2-minute leases end. A stop in the middle of a pass otherwise left the rest of a claim
/// waiting: a trial on Redis with 40 check-ins lapsing together had 26 alerts to the on-call phone go out 2 minutes
/// late. Registered before the workers, so the host stops it after them. A stop that overran the host's shutdown
/// timeout gives nothing back (a worker may still be on it), nor does a store that does not answer: those leases end by
/// themselves, as after kill -9. On SQLite there is no other instance, and the next start frees them (<see cref="LeasesOfAStoppedCopy"/>).
/// </summary>
public sealed class LeasesGivenBackAtStop(
    IServiceProvider services,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<LeasesGivenBackAtStop> logger) : IHostedService
{
    /// <summary>How long the stop waits on the store for this.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    private readonly StopOnce _stop = new();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Once, every stop waiting for it (<see cref="StopOnce"/>): a text's lease given back under a disposed host waited it out.</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        storage.Value.Is(StorageOptions.Redis) ? _stop.Run(() => GiveBackAsync(cancellationToken)) : Task.CompletedTask;

    private async Task GiveBackAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            var given = await services.GetRequiredService<IScheduledWork>().GiveBackLeasesAsync(time.GetUtcNow(), budget.Token);
            if (given > 0)
            {
                logger.LogInformation("Scheduled work: {Count} item(s) this instance had claimed and not finished are due now for the others.", given);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning("Scheduled work: what this instance had claimed could not be given back as it stopped ({Fault}); it is "
                + "taken when its lease ends, within 2 minutes.", ex.GetType().Name);
        }
    }
}
