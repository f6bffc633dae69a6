using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using WestmontTextLine.Outbound;
using WestmontTextLine.Privacy;
using WestmontTextLine.Records;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// Safety plans and contact-number records, encrypted (AES-GCM, bound to their kind and key) in the private-records
/// store, changed by compare-and-set so a text, a contact's answer and the timer worker, on any instance, never lose
/// each other's change: <see cref="UpdateAsync{T}"/> reloads and runs the change again on a conflict.
/// </summary>
public sealed class SafetyPlans(IPrivateRecords records, PersonalDataCipher cipher, IOptions<CheckInOptions> options, TimeProvider time)
{
    public const string PlanKind = "safety-plan";
    public const string ContactKind = "safety-contact";
    public const string MissedKind = "checkin-missed";
    public const string SendKind = "checkin-send";
    public static readonly TimeSpan SendKeptFor = TimeSpan.FromDays(2);

    /// <summary>
    /// An on-call alert's note outlives it at most as long as the outbox may keep the alert: a day of tries, and a
    /// claim's lease (one claimed just before the day ran out is still checked against her STOP).
    /// </summary>
    public static readonly TimeSpan OnCallAlertKeptFor = OutboundTextWorker.GiveUpAfter + OutboundTextWorker.Lease;
    public static readonly TimeSpan MissedKeptFor = TimeSpan.FromDays(1);

    /// <summary>
    /// How long after her last use of her contact a plan that lapsed unused is still told to her (at her next CHECK or
    /// CODEWORD): short of the 45 days after which a US carrier may give her number to someone new, who must not hear
    /// of her plan.
    /// </summary>
    public static readonly TimeSpan ContactLapseToldUntil = TimeSpan.FromDays(44);
    private const int Attempts = 8;

    /// <summary>
    /// How long a declined number's record keeps more than its declined mark once every texter was told: the
    /// <c>MessageSid</c>, language and count of the NO or STOP that declined, so that text run again (a version
    /// conflict, within seconds) or sent again after the fallback is answered and counted as its first run was. A day
    /// is as long as the line retries its own texts (the outbox), far past Twilio's retry of a webhook.
    /// </summary>
    public static readonly TimeSpan DeclinedAnswerKeptFor = TimeSpan.FromDays(1);

    private readonly TexterMarks _marks = new(records, time);
    private readonly EncryptedRecords _encrypted = new(records, cipher, time);

    public Task<SafetyPlan?> PlanAsync(string texterKey, CancellationToken cancellationToken) =>
        _encrypted.LoadAsync(PlanKind, texterKey, static () => CheckInJson.Default.SafetyPlan, cancellationToken);

    /// <summary>The plans that name this contact number, among the texters its record links, in the record's order.</summary>
    public async Task<IReadOnlyList<SafetyPlan>> PlansNamingAsync(string contactKey, ContactNumberRecord record, CancellationToken cancellationToken)
    {
        var naming = new List<SafetyPlan>();
        foreach (var texterKey in record.Linked())
        {
            if (await PlanAsync(texterKey, cancellationToken) is { } plan && plan.Contact?.Key == contactKey) naming.Add(plan);
        }
        return naming;
    }

    /// <summary>A contact number's record: with its declined mark, which outlives the rest (<see cref="DeclinedAnswerKeptFor"/>).</summary>
    public async Task<ContactNumberRecord?> ContactAsync(string contactKey, CancellationToken cancellationToken)
    {
        var record = await LoadContactAsync(contactKey, cancellationToken);
        return record is { Declined: true } ? record : WithDeclinedMark(record, await IsDeclinedAsync(contactKey, cancellationToken));
    }

    /// <summary>
    /// A contact number's record unless it has none or declined for good (then null). The declined mark is read only
    /// for a number with a record: most numbers that text were never anyone's contact, and each such text waited for
    /// a second read (on Redis, a second round trip) that could not change its answer.
    /// </summary>
    public async Task<ContactNumberRecord?> ContactNotDeclinedAsync(string contactKey, CancellationToken cancellationToken)
    {
        if (await LoadContactAsync(contactKey, cancellationToken) is not { Declined: false } record) return null;
        return await IsDeclinedAsync(contactKey, cancellationToken) ? null : record;
    }

    private Task<ContactNumberRecord?> LoadContactAsync(string contactKey, CancellationToken cancellationToken) =>
        _encrypted.LoadAsync(ContactKind, contactKey, static () => CheckInJson.Default.ContactNumberRecord, cancellationToken);

    /// <summary>Changes a texter's plan; the change returns the new plan (null or empty deletes it), kept until <see cref="KeepUntil"/>.</summary>
    public async Task<SafetyPlan?> UpdatePlanAsync(string texterKey, Func<SafetyPlan?, SafetyPlan?> change, CancellationToken cancellationToken)
    {
        SafetyPlan? before = null;
        var after = await UpdateAsync(PlanKind, texterKey, CheckInJson.Default.SafetyPlan, current =>
        {
            before = current;
            return change(current);
        }, plan => plan.IsEmpty ? null : KeepUntil(plan), cancellationToken);
        await NoteContactAsync(texterKey, before?.Contact, after?.Contact, cancellationToken);
        return after;
    }

    /// <summary>
    /// Keeps the mark that her plan names a contact (<see cref="TexterMarks.ContactLapsed"/>) beside the plan: set or moved
    /// on as she uses them, lifted when the contact is taken off (by her, by them, by a failed alert). A plan that lapses
    /// unused is deleted by its expiry alone, which leaves the mark: that is how her next CHECK knows it lapsed. Written
    /// only when the contact or its last use changes, not at every step of a timer.
    /// </summary>
    private async Task NoteContactAsync(string texterKey, SafetyContact? before, SafetyContact? after, CancellationToken cancellationToken)
    {
        if (after is null)
        {
            if (before is not null) await _marks.LiftAsync(TexterMarks.ContactLapsed, texterKey, cancellationToken);
            return;
        }
        if (before?.Key == after.Key && before.LastUsedAt == after.LastUsedAt) return;
        var toldUntil = after.LastUsedAt + ContactLapseToldUntil;
        if (toldUntil > after.LastUsedAt + options.Value.BuddyUnusedFor)
            await _marks.MarkAsync(TexterMarks.ContactLapsed, texterKey, toldUntil - time.GetUtcNow(), cancellationToken);
    }

    /// <summary>True once when her plan lapsed unused with a contact on it, within <see cref="ContactLapseToldUntil"/> of her last use of them.</summary>
    public Task<bool> TakeContactLapseAsync(string texterKey, CancellationToken cancellationToken) =>
        _marks.TakeAsync(TexterMarks.ContactLapsed, texterKey, cancellationToken);

    /// <summary>A plan is kept while its timer may still fire, and while its contact was used in the last 30 days.</summary>
    private DateTimeOffset KeepUntil(SafetyPlan plan)
    {
        var until = time.GetUtcNow() + TimeSpan.FromDays(1);
        if (plan.Timer is { } timer) until = Later(until, timer.DueAt + options.Value.Grace + TimeSpan.FromDays(1));
        if (plan.Contact is { } contact) until = Later(until, contact.LastUsedAt + options.Value.BuddyUnusedFor);
        if (plan.ContactLostAt is { } lost) until = Later(until, lost + options.Value.BuddyUnusedFor);
        return until;
    }

    /// <summary>
    /// Changes a contact number's record. A declined number keeps its declined mark for good
    /// (<see cref="TexterMarks.ContactDeclined"/>, written before the record says so: that number is never asked again),
    /// and the rest of its record only until every texter was told and <see cref="DeclinedAnswerKeptFor"/> has passed;
    /// any other is kept as long as a plan may still name it (a plan keeps its contact
    /// <see cref="CheckInOptions.BuddyUnusedFor"/> after it was last asked, agreed or alerted), and at least 30 days
    /// after its last request. The change sees a number that has only its mark left as a record that says declined.
    /// </summary>
    public async Task<ContactNumberRecord?> UpdateContactAsync(string contactKey, Func<ContactNumberRecord?, ContactNumberRecord?> change,
        CancellationToken cancellationToken)
    {
        var declined = await IsDeclinedAsync(contactKey, cancellationToken);
        ContactNumberRecord? written = null;
        await UpdateAsync(ContactKind, contactKey, CheckInJson.Default.ContactNumberRecord,
            current => written = change(current is { Declined: true } ? current : WithDeclinedMark(current, declined)),
            ContactKeptUntil, cancellationToken,
            beforeSave: async record =>
            {
                if (!record.Declined || declined) return;
                await _marks.MarkForGoodAsync(TexterMarks.ContactDeclined, contactKey, cancellationToken);
                declined = true;
            });
        return written;
    }

    private Task<bool> IsDeclinedAsync(string contactKey, CancellationToken cancellationToken) =>
        _marks.IsMarkedAsync(TexterMarks.ContactDeclined, contactKey, cancellationToken);

    private static ContactNumberRecord? WithDeclinedMark(ContactNumberRecord? record, bool declined) =>
        declined ? (record ?? new ContactNumberRecord()) with { Declined = true } : record;

    /// <summary>
    /// A declined record while a texter is still to be told is kept as long as her plan may name it; then only for its
    /// answer run again (<see cref="DeclinedAnswerKeptFor"/>), and one holding nothing but the mark is deleted.
    /// </summary>
    private DateTimeOffset? ContactKeptUntil(ContactNumberRecord record)
    {
        var named = Latest(record) + Longer(TimeSpan.FromDays(30), options.Value.BuddyUnusedFor);
        if (!record.Declined) return named;
        var answered = time.GetUtcNow() + DeclinedAnswerKeptFor;
        if (record.LeftAt is not null) return Later(named, answered);
        return record.IsOnlyDeclined ? null : answered;
    }

    /// <summary>Notes a lapsed check-in of her plan <paramref name="planId"/> for <see cref="MissedKeptFor"/>; holds no number, only whether her contact was texted.</summary>
    public Task MarkMissedAsync(string texterKey, bool contactAlerted, string? planId, CancellationToken cancellationToken) =>
        UpdateAsync(MissedKind, texterKey, CheckInJson.Default.MissedCheckIn, _ => new MissedCheckIn(contactAlerted, planId),
            _ => time.GetUtcNow() + MissedKeptFor, cancellationToken);

    /// <summary>
    /// Her lapsed check-in, if still noted and of the plan <paramref name="alert"/> was about, now says her contact was not
    /// reached (the alert was refused or not delivered): her late OK must not say "we texted your safety contact". Returns
    /// the note, or null when there is none (her late OK took it already, or it expired) or it is of a plan made since,
    /// whose lapse this alert says nothing of.
    /// </summary>
    public async Task<MissedCheckIn?> ContactNotReachedAsync(CheckInSend alert, CancellationToken cancellationToken)
    {
        if ((await MissedAsync(alert.TexterKey, cancellationToken))?.PlanId != alert.PlanId) return null;
        return await UpdateAsync(MissedKind, alert.TexterKey, CheckInJson.Default.MissedCheckIn,
            // Checked again here: a lapse of a plan made since may have been noted between the read and this write.
            current => current is null || current.PlanId != alert.PlanId ? current : current with { ContactAlerted = false },
            _ => time.GetUtcNow() + MissedKeptFor, cancellationToken);
    }

    /// <summary>
    /// Notes whose a text about her is, under its outbox id: to a safety contact (an alert or a request) for
    /// <see cref="SendKeptFor"/>, so what became of it finds her; to the on-call phone for
    /// <see cref="OnCallAlertKeptFor"/> at most, deleted once it leaves the outbox (<see cref="OnCallDeliveries"/>).
    /// Holds keyed hashes only, no number.
    /// </summary>
    public Task RememberSendAsync(string outboxId, CheckInSend send, CancellationToken cancellationToken)
    {
        var keptFor = send.Kind == CheckInSendKind.OnCallAlert ? OnCallAlertKeptFor : SendKeptFor;
        return UpdateAsync(SendKind, outboxId, CheckInJson.Default.CheckInSend, _ => send, _ => time.GetUtcNow() + keptFor, cancellationToken);
    }

    public Task DeleteSendAsync(string outboxId, CancellationToken cancellationToken) => records.DeleteAsync(SendKind, outboxId, cancellationToken);

    /// <summary>The text noted under this outbox id, if any, left noted.</summary>
    public Task<CheckInSend?> SendOfAsync(string outboxId, CancellationToken cancellationToken) =>
        _encrypted.LoadAsync(SendKind, outboxId, static () => CheckInJson.Default.CheckInSend, cancellationToken);

    /// <summary>
    /// The text noted under this outbox id, if any, which is then forgotten: its outcome is acted on once. Two reports
    /// at once (Twilio sending a callback again while the first is still answered, on this instance or another) both
    /// read the note; only the one whose delete removed it gets it, so she is not texted twice that her contact could not
    /// be reached.
    /// </summary>
    public async Task<CheckInSend?> TakeSendAsync(string outboxId, CancellationToken cancellationToken)
    {
        var send = await SendOfAsync(outboxId, cancellationToken);
        return send is not null && await records.DeleteAsync(SendKind, outboxId, cancellationToken) ? send : null;
    }

    /// <summary>
    /// Deletes every note of a text about her (<see cref="RememberSendAsync"/>) that names one of these keyed hashes, as
    /// the texter or as the contact. The notes are kept under outbox ids, so every one is read: for the worker's pass after FORGET, never on
    /// a text's path. Returns the outbox ids of the notes deleted.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteSendsNamingAsync(IReadOnlySet<string> keys, CancellationToken cancellationToken)
    {
        List<string> deleted = [];
        if (keys.Count == 0) return deleted;
        var now = time.GetUtcNow();
        var sends = new List<string>();
        await foreach (var id in records.ListAsync(now, cancellationToken))
        {
            if (id.Kind == SendKind) sends.Add(id.Key);
        }
        foreach (var outboxId in sends)
        {
            CheckInSend? send;
            try
            {
                send = await _encrypted.LoadAsync(SendKind, outboxId, static () => CheckInJson.Default.CheckInSend, cancellationToken);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                continue; // under another key: the line cannot read it, nor act on it
            }
            if (send is null || !(keys.Contains(send.TexterKey) || keys.Contains(send.ContactKey))) continue;
            if (await records.DeleteAsync(SendKind, outboxId, cancellationToken)) deleted.Add(outboxId);
        }
        return deleted;
    }

    /// <summary>The lapsed check-in noted for her, if any: her late OK deletes it once answered (one late OK is answered once).</summary>
    public Task<MissedCheckIn?> MissedAsync(string texterKey, CancellationToken cancellationToken) =>
        _encrypted.LoadAsync(MissedKind, texterKey, static () => CheckInJson.Default.MissedCheckIn, cancellationToken);

    public Task DeleteMissedAsync(string texterKey, CancellationToken cancellationToken) => records.DeleteAsync(MissedKind, texterKey, cancellationToken);

    /// <summary>Her plan deleted (STOP, FORGET), and with it the mark that it named a contact: nothing is left to tell.</summary>
    public async Task DeletePlanAsync(string texterKey, CancellationToken cancellationToken)
    {
        await records.DeleteAsync(PlanKind, texterKey, cancellationToken);
        await _marks.LiftAsync(TexterMarks.ContactLapsed, texterKey, cancellationToken);
    }

    public Task DeleteContactAsync(string contactKey, CancellationToken cancellationToken) => records.DeleteAsync(ContactKind, contactKey, cancellationToken);

    private async Task<T?> UpdateAsync<T>(
        string kind, string key, JsonTypeInfo<T> type, Func<T?, T?> change,
        Func<T, DateTimeOffset?> keepUntil, CancellationToken cancellationToken, Func<T, Task>? beforeSave = null) where T : class
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var now = time.GetUtcNow();
            var stored = await records.GetAsync(kind, key, now, cancellationToken);
            var current = stored is null ? null : _encrypted.Read(kind, key, stored.Payload, type);
            var next = change(current);
            if (next is not null && beforeSave is not null) await beforeSave(next);
            var until = next is null ? null : keepUntil(next);
            if (next is null || until is null)
            {
                if (stored is not null) await records.DeleteAsync(kind, key, cancellationToken);
                return null;
            }
            var payload = _encrypted.Seal(kind, key, next, type);
            var expires = until == DateTimeOffset.MaxValue ? (DateTimeOffset?)null : until;
            if (await records.TryPutAsync(kind, key, payload, stored?.Version ?? 0, expires, now, cancellationToken)) return next;
        }
        throw new InvalidOperationException($"The {kind} record kept changing; gave up after {Attempts} tries.");
    }

    private static DateTimeOffset Latest(ContactNumberRecord record)
    {
        var asked = record.RequestedAt.Count == 0 ? DateTimeOffset.UnixEpoch : record.RequestedAt.Max();
        return record.LastUsedAt is { } used && used > asked ? used : asked;
    }

    private static TimeSpan Longer(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
