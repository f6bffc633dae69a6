using Microsoft.Extensions.Options;
using WestmontTextLine.Hosting;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// Deletes audit entries older than Console:AuditKeepFor, once at start and then hourly, on SQLite and Redis alike:
/// the age is each entry's own time, so a restart changes nothing. The ceiling (Console:AuditMaxEntries) is the
/// log's own, at each append.
/// </summary>
public sealed class AuditRetentionWorker(IAuditLog log, IOptions<ConsoleOptions> options, TimeProvider time, ILogger<AuditRetentionWorker> logger)
    : PeriodicSweep(time, logger)
{
    public override TimeSpan SweepInterval => TimeSpan.FromHours(1);

    protected override string Name => "Audit log sweep";

    protected override async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        var purged = await log.PurgeOlderThanAsync(Now - options.Value.AuditKeepFor, cancellationToken);
        if (purged > 0) logger.LogInformation("Audit log: deleted {Count} entries older than Console:AuditKeepFor", purged);
    }
}
