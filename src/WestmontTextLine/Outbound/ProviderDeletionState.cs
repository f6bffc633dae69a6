namespace WestmontTextLine.Outbound;

/// <summary>
/// Provider deletion running, or paused because Twilio refused the credentials (for /healthz and the logs). While
/// paused, one deletion is tried a minute (<see cref="ProbeEvery"/>), not a hundred each 5-second pass (the next ones
/// due): with a thousand waiting, that would send Twilio a refused DELETE every 50 ms.
/// </summary>
public sealed class ProviderDeletionState
{
    public static readonly TimeSpan ProbeEvery = TimeSpan.FromMinutes(1);

    private readonly ProviderHold _hold = new(ProbeEvery, ProbeEvery);

    public string? PausedBecause => _hold.Held?.Because;

    /// <summary>Whether a deletion may be tried at <paramref name="now"/>: always while running, once a minute while paused.</summary>
    public bool MayTry(DateTimeOffset now) => _hold.Until is not { } until || now >= until;

    /// <summary>Returns true the first time, so the reason is logged once, not once a message.</summary>
    public bool Pause(string reason, DateTimeOffset now) => _hold.Hold(reason, retryAfter: null, now);

    /// <summary>Returns true when it was paused.</summary>
    public bool Resume(DateTimeOffset now) => _hold.Release(now) is not null;
}
