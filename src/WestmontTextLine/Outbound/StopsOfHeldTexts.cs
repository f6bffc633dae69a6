using WestmontTextLine.Records;

namespace WestmontTextLine.Outbound;

/// <summary>
/// When a number last said STOP, for as long as the outbox may still hold a text queued before it (<see cref="KeptFor"/>):
/// a text to her or about her (her contact's alert, the on-call phone's) queued before her STOP is dropped at its try
/// even when she has texted START since. The outbox is held while Twilio refuses every text, for up to a day; her
/// opted-out session alone kept such a text only until her START, and then it went out about a check-in her STOP had
/// ended. A record holds nothing: its expiry, <see cref="KeptFor"/> after her STOP, is the mark, under a hash of her
/// keyed hash with the kind, so the store holds neither her number nor the key her other records are under.
/// </summary>
public sealed class StopsOfHeldTexts(IPrivateRecords records, TimeProvider time)
{
    public const string Kind = "stopped-held";

    /// <summary>As long as the outbox keeps a text: a day of tries, and a claim's lease.</summary>
    public static readonly TimeSpan KeptFor = OutboundTextWorker.GiveUpAfter + OutboundTextWorker.Lease;

    /// <summary>Notes her STOP now (a later one moves it on).</summary>
    public async Task StoppedAsync(string numberKey, CancellationToken cancellationToken)
    {
        if (!await records.TryMarkAsync(Kind, numberKey, KeptFor, time, cancellationToken))
            throw new InvalidOperationException($"The {Kind} record kept changing; gave up after {RecordMarks.Tries} tries.");
    }

    /// <summary>
    /// Whether she said STOP since a text was queued at <paramref name="queuedAt"/>: at the same millisecond counts (an
    /// alert queued by the timer's pass as her STOP came in), as withdrawing is the side to err on.
    /// </summary>
    public async Task<bool> StoppedSinceAsync(string numberKey, DateTimeOffset queuedAt, CancellationToken cancellationToken) =>
        await records.GetAsync(Kind, KeyOf(numberKey), time.GetUtcNow(), cancellationToken) is { ExpiresAt: { } until }
        && (until - KeptFor).ToUnixTimeMilliseconds() >= queuedAt.ToUnixTimeMilliseconds(); // the store keeps milliseconds

    /// <summary>Her FORGET withdraws every text to her or about her at the outbox's next pass: the mark has done its part.</summary>
    public Task ForgetAsync(string numberKey, CancellationToken cancellationToken) => records.DeleteAsync(Kind, KeyOf(numberKey), cancellationToken);

    private static string KeyOf(string numberKey) => RecordMarks.KeyOf(Kind, numberKey);
}
