using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The audit log's part of /healthz: Degraded (still 200) while the log is at its ceiling (Console:AuditMaxEntries),
/// since each new entry then drops the oldest before its age (Console:AuditKeepFor): a flood, or a line busier than
/// the ceiling allows. The change of status is logged once (HealthChangeLog). Counted at most every half minute, so
/// asking /healthz over and over costs the store nothing more; anyone may ask, so no count is shown, and a store that
/// fails is told in fixed words (its exception's message could name a texter's keyed hash).
/// </summary>
public sealed class AuditLogHealthCheck(IAuditLog log, IOptions<ConsoleOptions> options, TimeProvider time) : IHealthCheck
{
    public const string Name = "audit";
    public static readonly TimeSpan CountedFor = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, long Count)? _counted;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var ceiling = options.Value.AuditMaxEntries;
        long count;
        try
        {
            count = await CountAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The storage check says why; a store's own message can name a key (Redis: "next: SET wtl:lock:..."),
            // and what /healthz says is logged.
            return HealthCheckResult.Degraded("audit log: not counted: the store did not answer");
        }
        return count >= ceiling
            ? HealthCheckResult.Degraded(
                $"audit log: at its ceiling of {ceiling} entries (Console:AuditMaxEntries), so each new entry drops the oldest before " +
                "Console:AuditKeepFor: look on the Audit page for a flood, or raise the ceiling")
            : HealthCheckResult.Healthy("audit log: under its ceiling");
    }

    private async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_counted is { } counted && now - counted.At < CountedFor && now >= counted.At) return counted.Count;
            var count = await log.CountAsync(cancellationToken);
            _counted = (now, count);
            return count;
        }
        finally
        {
            _gate.Release();
        }
    }
}
