using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WestmontTextLine.Twilio;

/// <summary>
/// Requests refused for their X-Twilio-Signature, for the log and /healthz. A wrong Twilio:AuthToken, or a proxy that
/// changes the URL Twilio signed, turns every text away with a 403: texters get nothing, not even the emergency
/// numbers, and without this nothing said so. Logged once a minute at most (a flood of forged requests is one line a
/// minute), and /healthz is Degraded (still 200: forged requests alone must not take the line out of a load balancer)
/// while a refusal in the last 10 minutes came after the last accepted request. The URL checked goes to the log only:
/// /healthz answers anyone, and a forged request's Host header is the sender's to write.
/// </summary>
public sealed class RefusedSignatures(TimeProvider time, ILogger<RefusedSignatures> logger) : IHealthCheck
{
    public const string Name = "webhook";
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ShownFor = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private long _sinceAccepted;
    private long _sinceLogged;
    private DateTimeOffset? _lastRefusedAt;
    private DateTimeOffset? _loggedAt;

    /// <param name="checkedUrl">The URL the signature was checked against, without its query.</param>
    public void Refused(string checkedUrl)
    {
        var now = time.GetUtcNow();
        long count;
        lock (_gate)
        {
            _sinceAccepted++;
            _sinceLogged++;
            _lastRefusedAt = now;
            if (_loggedAt is { } logged && now - logged < LogEvery) return;
            _loggedAt = now;
            count = _sinceLogged;
            _sinceLogged = 0;
        }
        logger.LogWarning(
            "Webhook: {Count} request(s) refused for their X-Twilio-Signature since the last such line, checked against "
            + "{Url}. If Twilio sent them, texters get no answer: check Twilio:AuthToken and that this is the URL Twilio "
            + "calls (Twilio:RequestValidation:BaseUrl behind a proxy, or ForwardedHeaders:KnownProxies).", count, checkedUrl);
    }

    public void Accepted()
    {
        if (Volatile.Read(ref _sinceAccepted) == 0) return;
        lock (_gate) _sinceAccepted = 0;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_sinceAccepted == 0 || _lastRefusedAt is not { } last || time.GetUtcNow() - last > ShownFor)
                return Task.FromResult(HealthCheckResult.Healthy("webhook: no request refused for its signature lately"));
            var count = _sinceAccepted.ToString(CultureInfo.InvariantCulture);
            return Task.FromResult(HealthCheckResult.Degraded(
                $"webhook: {count} request{(_sinceAccepted == 1 ? "" : "s")} refused for their X-Twilio-Signature in a row, the "
                + "last within 10 minutes: if Twilio sent them, texters get no answer; check Twilio:AuthToken and the URL Twilio "
                + "calls against the one the log names (Twilio:RequestValidation:BaseUrl, ForwardedHeaders)"));
        }
    }
}
