using Microsoft.Extensions.Options;
using WestmontTextLine.Records;
using WestmontTextLine.Sessions;
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
    : BackgroundService
{
    public TimeSpan SweepInterval { get; } = IntervalFor(options.Value.Retention);

    public static TimeSpan IntervalFor(TimeSpan retention) =>
        TimeSpan.FromTicks(Math.Clamp(retention.Ticks / 10, TimeSpan.FromSeconds(10).Ticks, TimeSpan.FromHours(1).Ticks));

    /// <summary>Completed sweeps, so tests can wait for one without sleeping.</summary>
    public int Sweeps => _sweeps;
    private int _sweeps;

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
            var purged = await store.PurgeIdleAsync(time.GetUtcNow() - options.Value.Retention, cancellationToken);
            if (purged > 0) logger.LogInformation("Retention: purged {Count} idle sessions", purged);
            // Records past their time (a safety contact unused for 30 days, with its number) leave the file too.
            var expired = await records.PurgeExpiredAsync(time.GetUtcNow(), cancellationToken);
            if (expired > 0) logger.LogInformation("Retention: purged {Count} expired records", expired);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Retention sweep failed: {Fault}; will retry at the next sweep", ex.GetType().Name);
        }
        finally
        {
            Interlocked.Increment(ref _sweeps);
        }
    }
}
