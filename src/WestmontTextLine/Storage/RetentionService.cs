using Microsoft.Extensions.Options;
using WestmontTextLine.Records;
using WestmontTextLine.Sessions;
using WestmontTextLine.Hosting;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Storage;

/// <summary>
/// Deletes sessions idle longer than TextLine:Retention, once at start and then every tenth of the retention (at
/// most hourly, at least every 10 seconds), so a short retention is honoured on a running server. A stored opt-out
/// is kept, as its keyed hash and flag only, so that number is never texted again. Expired private records (check-in
/// plans, safety contacts) are purged in the same sweep.
/// </summary>
public sealed class RetentionService(
    ISessionStore store, IPrivateRecords records, IOptions<TextLineOptions> options, TimeProvider time, ILogger<RetentionService> logger)
    : PeriodicSweep(time, logger)
{
    public override TimeSpan SweepInterval { get; } = IntervalFor(options.Value.Retention);

    protected override string Name => "Retention sweep";

    public static TimeSpan IntervalFor(TimeSpan retention) =>
        TimeSpan.FromTicks(Math.Clamp(retention.Ticks / 10, TimeSpan.FromSeconds(10).Ticks, TimeSpan.FromHours(1).Ticks));

    protected override async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        var purged = await store.PurgeIdleAsync(Now - options.Value.Retention, cancellationToken);
        if (purged > 0) logger.LogInformation("Retention: purged {Count} idle sessions", purged);
        // Records past their time (a safety contact unused for 30 days, with its number) leave the file too.
        var expired = await records.PurgeExpiredAsync(Now, cancellationToken);
        if (expired > 0) logger.LogInformation("Retention: purged {Count} expired records", expired);
    }
}
