using WestmontTextLine.Records;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Texts the outbox sends at most once by their outbox id, however often they are queued (<see cref="IdFor"/>: a chat's
/// closing text). Its sender queues it again until a write after the queuing says it need not, and that write can be
/// lost (the process died, the store failed): queued again after it went out, the shared id no longer stopped it, and
/// she got it twice on a phone someone else may read. Once the provider has such a text its id is remembered
/// (<see cref="Kind"/>, <see cref="RememberFor"/>), and the worker drops, unsent, a text queued again under it. Other
/// texts are neither written nor read here. It holds an id and nothing of anyone.
/// <para>
/// Builds before these ids queued a chat's closing text as <c>handoff-closing-&lt;chat id&gt;</c>. A chat mid-close as
/// the line is upgraded may have that text still in the outbox when the new build finishes the close and queues it
/// again as <c>once-handoff-closing-&lt;chat id&gt;</c>: the two ids are one text here, so whichever goes out first is
/// remembered under the new id and the other is dropped. One the older build had already sent left no record, and its
/// text may still go out again once.
/// </para>
/// </summary>
public sealed class SentOnceTexts(IPrivateRecords records, TimeProvider time)
{
    public const string Kind = "outbox-sent";
    private const string Prefix = "once-";
    private const string OlderClosingTextPrefix = "handoff-closing-";

    /// <summary>
    /// Longer than any sender can queue one again: a closed chat, which owes her its closing text until the write that
    /// says it was queued, is kept at most 30 days (Handoff:KeepFor).
    /// </summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromDays(31);

    /// <summary>The outbox id of a text sent at most once, from its sender's own id for it.</summary>
    public static string IdFor(string id) => Prefix + id;

    /// <summary>The id it is remembered under: its own for a "once-" id, the new form of an older build's closing text's, else none.</summary>
    private static string? RecordIdOf(string outboxId) =>
        outboxId.StartsWith(Prefix, StringComparison.Ordinal) ? outboxId
        : outboxId.StartsWith(OlderClosingTextPrefix, StringComparison.Ordinal) ? Prefix + outboxId
        : null;

    public async Task<bool> WasSentAsync(string outboxId, CancellationToken cancellationToken) =>
        RecordIdOf(outboxId) is { } recordId && await records.GetAsync(Kind, recordId, time.GetUtcNow(), cancellationToken) is not null;

    /// <summary>Remembers that the provider has it; a second note of the same (its status callback after the send's answer) changes nothing.</summary>
    public async Task NoteSentAsync(string outboxId, CancellationToken cancellationToken)
    {
        if (RecordIdOf(outboxId) is not { } recordId) return;
        var now = time.GetUtcNow();
        await records.TryPutAsync(Kind, recordId, [1], expectedVersion: 0, now + RememberFor, now, cancellationToken);
    }
}
