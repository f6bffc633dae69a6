namespace WestmontTextLine.Outbound;

/// <summary>
/// Provider deletion running, paused because Twilio refused the credentials, or held because Twilio asked the line to
/// slow down or did not answer (for /healthz and the logs). While paused, one deletion is tried a minute
/// (<see cref="ProbeEvery"/>), not a hundred each 5-second pass (the next ones due): with a thousand waiting, that would
/// send Twilio a refused DELETE every 50 ms. While held, one deletion is tried after <see cref="SlowDownFirstWait"/>,
/// then twice as long each time it is refused, at most <see cref="SlowDownLongestWait"/>: a pass went on starting
/// sixteen deletions at a time, each asked four times, into an account already answering 429, which the outbox's
/// safety texts share.
/// </summary>
public sealed class ProviderDeletionState
{
    public static readonly TimeSpan ProbeEvery = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan SlowDownFirstWait = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan SlowDownLongestWait = TimeSpan.FromMinutes(10);

    private readonly ProviderHold _hold = new(ProbeEvery, ProbeEvery);
    private readonly ProviderHold _slowDown = new(SlowDownFirstWait, SlowDownLongestWait);

    public string? PausedBecause => _hold.Held?.Because;

    /// <summary>Until when deletions wait after Twilio asked the line to slow down (429) or did not answer; null while they go.</summary>
    public DateTimeOffset? SlowedUntil => _slowDown.Until;

    /// <summary>For /healthz: since when deletions are held after Twilio asked the line to slow down or did not answer, and when one is tried next; null while they go.</summary>
    public string? DescribeSlowDown(DateTimeOffset now)
    {
        if (_slowDown.Held is not { } held) return null;
        return $"provider deletion held since {held.Since:HH:mm:ss} UTC: Twilio asked the line to slow down or did not answer; the queue is kept, {ProviderHold.NextTry(held.Until, now)}";
    }

    /// <summary>Paused or held: one deletion at a time tells when they work again.</summary>
    public bool Held => PausedBecause is not null || SlowedUntil is not null;

    /// <summary>Whether a deletion may be tried at <paramref name="now"/>: always while running, once a wait is over while paused or held.</summary>
    public bool MayTry(DateTimeOffset now) => Over(_hold, now) && Over(_slowDown, now);

    /// <summary>Returns true the first time, so the reason is logged once, not once a message.</summary>
    public bool Pause(string reason, DateTimeOffset now) => _hold.Hold(reason, retryAfter: null, now);

    /// <summary>Returns true when it was paused.</summary>
    public bool Resume(DateTimeOffset now) => _hold.Release(now) is not null;

    /// <summary>Twilio asked the line to slow down, or did not answer: returns true when deletions were going until now.</summary>
    public bool SlowDown(TimeSpan? retryAfter, DateTimeOffset now) => _slowDown.Hold("slow down", retryAfter, now);

    /// <summary>Twilio answered a deletion: returns true when they were held.</summary>
    public bool Answered(DateTimeOffset now) => _slowDown.Release(now) is not null;

    private static bool Over(ProviderHold hold, DateTimeOffset now) => hold.Until is not { } until || now >= until;
}
