namespace WestmontTextLine.Outbound;

/// <summary>
/// The REST client's resilience pipeline (Microsoft.Extensions.Http.Resilience over Polly): a total timeout around
/// retries with exponential backoff and jitter around a per-attempt timeout. Defaults suit the real API; tests
/// shorten them.
/// </summary>
public sealed class TwilioApiResilienceOptions
{
    /// <summary>How long one HTTP attempt may take before it is abandoned (and retried when that is safe).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one call may take, every attempt and wait included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt (0 turns retrying off).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff delay; each retry doubles it, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The longest Retry-After the pipeline waits out itself. A longer one ends the call at once as "retry later",
    /// with Twilio's delay, for the caller's durable queue to honour. No more than <see cref="TotalTimeout"/> is ever
    /// waited: a wait the call's timeout would cut short would hold a worker for nothing, then end as a timeout.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<string> Validate()
    {
        // Polly's own bounds for its timeout strategy.
        var min = TimeSpan.FromMilliseconds(10);
        if (AttemptTimeout < min || AttemptTimeout > TimeSpan.FromHours(1))
            yield return "Twilio:Resilience:AttemptTimeout must be between 10 ms and 1 hour.";
        if (TotalTimeout < min || TotalTimeout > TimeSpan.FromHours(1))
            yield return "Twilio:Resilience:TotalTimeout must be between 10 ms and 1 hour.";
        if (AttemptTimeout > TotalTimeout)
            yield return "Twilio:Resilience:AttemptTimeout must not be longer than Twilio:Resilience:TotalTimeout.";
        if (MaxRetryAttempts is < 0 or > 10)
            yield return "Twilio:Resilience:MaxRetryAttempts must be between 0 and 10.";
        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay)
            yield return "Twilio:Resilience:BaseDelay must not be negative, nor longer than Twilio:Resilience:MaxDelay.";
        if (MaxDelay < TimeSpan.Zero || MaxDelay > TimeSpan.FromDays(1))
            yield return "Twilio:Resilience:MaxDelay must be between 00:00:00 and 1 day (1.00:00:00).";
        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter > TimeSpan.FromHours(1))
            yield return "Twilio:Resilience:MaxRetryAfter must be between 00:00:00 and 1 hour (a longer Retry-After goes back to the durable queue).";
    }
}
