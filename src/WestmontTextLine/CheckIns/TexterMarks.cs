using WestmontTextLine.Records;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// Limits on what a texter's number may make the line send to others, kept apart from her plan: a record per kind
/// that holds nothing (its existence and expiry are the mark), so BUDDY OFF, STOP and START, or FORGET do not lift
/// them. They once lived in her plan alone, which each of those deletes: one number could ask a stranger to be its
/// contact once a minute, or text the on-call phone with a code word as often. The key is a hash of her keyed hash
/// with the kind, so the store holds neither her number nor the key her other records are under.
/// </summary>
public sealed class TexterMarks(IPrivateRecords records, TimeProvider time)
{
    /// <summary>She asked someone to be her safety contact (one a day).</summary>
    public const string ContactAsked = "contact-asked";

    /// <summary>Her code word alerted the on-call phone (once in ten minutes).</summary>
    public const string CodeWordAlerted = "codeword-alerted";

    /// <summary>
    /// A number said her request was not for them ("wrong number"): she does not ask it again for
    /// <see cref="SafetyContacts.WrongNumberKeptFor"/>. Kept under <see cref="PairOf"/>, her keyed hash with theirs.
    /// </summary>
    public const string WrongNumber = "contact-wrong-number";

    /// <summary>
    /// Her plan named a contact when it was last written: if the plan is gone while this is still here, it lapsed unused
    /// (<see cref="SafetyPlans.ContactLapseToldUntil"/>), and her next CHECK or CODEWORD says so.
    /// </summary>
    public const string ContactLapsed = "contact-lapsed";

    /// <summary>
    /// A number said NO or STOP to being a safety contact (or opted out at the carrier): never asked again. Kept for
    /// good, under their keyed hash, and all that is kept of them once their answer is done with
    /// (<see cref="SafetyPlans.DeclinedAnswerKeptFor"/>).
    /// </summary>
    public const string ContactDeclined = "contact-declined";

    /// <summary>Lifts the mark; true when it was still in force and this call removed it (two texts at once: one gets true).</summary>
    public async Task<bool> TakeAsync(string kind, string texterKey, CancellationToken cancellationToken) =>
        await IsMarkedAsync(kind, texterKey, cancellationToken) && await records.DeleteAsync(kind, KeyOf(kind, texterKey), cancellationToken);

    /// <summary>What a mark about her and one number is kept under (hashed again with the kind, as every mark).</summary>
    public static string PairOf(string texterKey, string contactKey) => $"{texterKey}\n{contactKey}";

    public async Task<bool> IsMarkedAsync(string kind, string texterKey, CancellationToken cancellationToken) =>
        await records.GetAsync(kind, KeyOf(kind, texterKey), time.GetUtcNow(), cancellationToken) is not null;

    /// <summary>Marks her now, for <paramref name="keptFor"/>.</summary>
    public Task MarkAsync(string kind, string texterKey, TimeSpan keptFor, CancellationToken cancellationToken) =>
        records.TryMarkAsync(kind, texterKey, keptFor, time, cancellationToken);

    /// <summary>Marks her for good: the mark has no expiry (one already there is left as it is).</summary>
    public async Task MarkForGoodAsync(string kind, string texterKey, CancellationToken cancellationToken) =>
        await records.TryPutAsync(kind, KeyOf(kind, texterKey), [], 0, null, time.GetUtcNow(), cancellationToken);

    public Task LiftAsync(string kind, string texterKey, CancellationToken cancellationToken) =>
        records.DeleteAsync(kind, KeyOf(kind, texterKey), cancellationToken);

    private static string KeyOf(string kind, string texterKey) => RecordMarks.KeyOf(kind, texterKey);
}
