using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WestmontTextLine.Health;

/// <summary>
/// Logs each health check's change of status as /healthz finds it, once: Degraded as a warning, Unhealthy as an error,
/// Healthy again as a warning (a journal kept at Warning, as deployed, would otherwise show a fault begin and never end), with the check's description (what /healthz shows anyone: nothing personal). The
/// framework logged every poll that was not Healthy instead (a load balancer polling every 10 s: 8,600 lines a day for
/// one reason), so its category is off in appsettings.json.
/// </summary>
public sealed partial class HealthChangeLog(ILogger<HealthChangeLog> logger)
{
    private readonly Dictionary<string, HealthStatus> _last = [];
    private readonly Lock _gate = new();

    public void Observe(HealthReport report)
    {
        foreach (var (name, entry) in report.Entries)
        {
            HealthStatus? before;
            lock (_gate)
            {
                before = _last.TryGetValue(name, out var known) ? known : null;
                if (before == entry.Status) continue;
                _last[name] = entry.Status;
            }
            // A line that starts healthy has nothing to report.
            if (before is null && entry.Status == HealthStatus.Healthy) continue;
            var fault = entry.Exception?.GetType().Name ?? "";
            switch (entry.Status)
            {
                case HealthStatus.Healthy: Recovered(logger, name, entry.Description ?? ""); break;
                case HealthStatus.Degraded: NowDegraded(logger, name, entry.Description ?? "", fault); break;
                default: NowUnhealthy(logger, name, entry.Description ?? "", fault); break;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Health check {Check} is Healthy again: {Description}")]
    private static partial void Recovered(ILogger logger, string check, string description);

    [LoggerMessage(2, LogLevel.Warning, "Health check {Check} is now Degraded: {Description} {Fault}")]
    private static partial void NowDegraded(ILogger logger, string check, string description, string fault);

    [LoggerMessage(3, LogLevel.Error, "Health check {Check} is now Unhealthy: {Description} {Fault}")]
    private static partial void NowUnhealthy(ILogger logger, string check, string description, string fault);
}
