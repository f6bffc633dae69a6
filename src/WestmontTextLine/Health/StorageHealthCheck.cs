using Microsoft.Extensions.Diagnostics.HealthChecks;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Health;

/// <summary>
/// Healthy when the store answers as a text needs it to (on SQLite: a write reaches the file), within 2 s; degraded
/// (still 200) for a day after Redis was found to have lost the line's data. The flows need no check of their own:
/// the line does not start without them. A fault's reason is logged when it changes while the fault lasts (its first
/// shows in HealthChangeLog's line): a load balancer polling an outage, or anyone asking /healthz over and over, must not write a line a poll.
/// </summary>
public sealed class StorageHealthCheck(ISessionStore store, StoreDataLoss loss, ILogger<StorageHealthCheck> logger) : IHealthCheck
{
    public const string Name = "storage";
    private static readonly TimeSpan PingBudget = TimeSpan.FromSeconds(2);
    private readonly LoggedOnce _reason = new();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(PingBudget);
        try
        {
            await store.PingAsync(budget.Token);
            _reason.Clear();
            // Answered again, but what was kept before may be gone: for the operator to know (200), since texters are answered.
            return loss.Report is { } lost
                ? HealthCheckResult.Degraded($"flows loaded, storage answers; {lost}")
                : HealthCheckResult.Healthy("flows loaded, storage answers");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = StoreFault.Describe(ex);
            // The first reason is in HealthChangeLog's "is now Unhealthy" line; only a new one while it lasts is news.
            if (_reason.Changed(reason)) logger.LogWarning("Health check storage is still Unhealthy, for another reason: {Reason}", reason);
            return HealthCheckResult.Unhealthy(reason);
        }
    }
}
