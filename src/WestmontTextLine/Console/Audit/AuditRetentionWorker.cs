using Microsoft.Extensions.Options;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// Deletes audit entries older than Console:AuditKeepFor, once at start and then hourly, on SQLite and Redis alike:
/// the age is each entry's own time, so a restart changes nothing. The ceiling (Console:AuditMaxEntries) is the
/// log's own, at each append.
/// </summary>
public sealed class AuditRetentionWorker(IAuditLog log, IOptions<ConsoleOptions> options, TimeProvider time, ILogger<AuditRetentionWorker> logger)
    : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        do
        {
            await SweepAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var purged = await log.PurgeOlderThanAsync(time.GetUtcNow() - options.Value.AuditKeepFor, cancellationToken);
            if (purged > 0) logger.LogInformation("Audit log: deleted {Count} entries older than Console:AuditKeepFor", purged);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Audit log sweep failed: {Fault}; will retry at the next sweep", ex.GetType().Name);
        }
    }
}
