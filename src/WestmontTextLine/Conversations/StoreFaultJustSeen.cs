using System.Diagnostics;

namespace WestmontTextLine.Conversations;

/// <summary>
/// Whether the store failed to read the session of a sender over the rate limit a moment ago, and no text has been
/// answered since: then a text over the limit gets its empty answer at once instead of reading her session first. That
/// read is only to let a Twilio retry of her last answered text, or her chat with staff, through, and a store that does
/// not answer lets neither through: under a paused Redis each text of a flood waited its 3 s for the same silence. A
/// text's fallback does not count: one write failing (a record after her session's save) says nothing of the reads, and
/// her retry must then read the answer saved. Trusted for <see cref="TrustedFor"/> after the last failed read, so a store
/// that came back with no text answered since is read again soon; by the real clock, as the store's own timeouts are.
/// </summary>
public sealed class StoreFaultJustSeen
{
    public static readonly TimeSpan TrustedFor = TimeSpan.FromSeconds(5);

    private long _failedAt;

    public bool Now => Volatile.Read(ref _failedAt) is var at and not 0 && Stopwatch.GetElapsedTime(at) < TrustedFor;

    public void Failed() => Volatile.Write(ref _failedAt, Stopwatch.GetTimestamp());

    public void Answered()
    {
        if (Volatile.Read(ref _failedAt) != 0) Volatile.Write(ref _failedAt, 0);
    }
}
