using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// What the line keeps for one texter's check-ins, encrypted as a whole, under her keyed hash, and only while
/// something needs it: her number (to text her), a running timer, her safety contact, her code word. When none is
/// left, the plan is deleted, number and all.
/// </summary>
public sealed record SafetyPlan
{
    public required string TexterNumber { get; init; }

    /// <summary>Her language: the one she last used with the line (a switch to another language moves it too).</summary>
    public required string Language { get; init; }
    public CheckInTimer? Timer { get; init; }
    public SafetyContact? Contact { get; init; }
    public string? CodeWord { get; init; }

    /// <summary>Her code word's last alert: the same again within <see cref="CheckInAlerts.CodeWordAlertsEvery"/> alerts no one.</summary>
    public CodeWordAlert? LastCodeWordAlert { get; init; }

    /// <summary>When she last asked someone to be her contact: one request a day.</summary>
    public DateTimeOffset? LastContactRequestAt { get; init; }

    /// <summary>
    /// The request (by <see cref="LastContactRequestAt"/>) counted as a contact asked: a BUDDY whose reply got the
    /// fallback after it asked counts nothing, and her BUDDY again counts it, once.
    /// </summary>
    public DateTimeOffset? ContactRequestCountedAt { get; init; }

    /// <summary>
    /// That her agreed contact was taken off her plan because an alert to them could not be delivered for good (their
    /// number opted out at the carrier, or cannot get texts), while she has yet to hear of it: she is told at her next
    /// conversation with the line, never right after her code word (<see cref="LostContacts"/>). It holds her own last use
    /// of that contact, not the time the line heard of the failure: the note keeps her plan no longer than the contact
    /// would have (only her own acts keep her plan).
    /// </summary>
    public DateTimeOffset? ContactLostAt { get; init; }

    /// <summary>
    /// Random, given when the plan is made: the note of a text about her names it (<see cref="CheckInSend.PlanId"/>), so
    /// what the carrier reports of that text acts on this plan only, never on one she made after her STOP (or her
    /// contact removed) ended the plan it was about. None in a plan from an earlier build.
    /// </summary>
    public string? Id { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Timer is null && Contact is null && CodeWord is null && ContactLostAt is null;

    public static SafetyPlan For(string texterNumber, string language) =>
        new() { TexterNumber = texterNumber, Language = language, Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) };
}

/// <summary>A check-in timer: due at a time, then, once the check-in text is sent, waiting for OK until the grace ends.</summary>
public sealed record CheckInTimer(DateTimeOffset DueAt, bool CheckInSent = false);

/// <summary>A code word's alert: when, and to which agreed contact (their keyed hash; none: the on-call phone only).</summary>
public sealed record CodeWordAlert(DateTimeOffset At, string? ContactKey);

/// <summary>
/// Her safety contact: their number, the name they know her by, their keyed hash, whether they agreed, and the language
/// they were asked in (their alerts come in it, whatever language she switches to; none in a plan from an earlier build).
/// </summary>
public sealed record SafetyContact(string Number, string? Name, string Key, bool Agreed, DateTimeOffset LastUsedAt, string? Language = null);

/// <summary>
/// What the line keeps about a number named as someone's safety contact, under its keyed hash: who asked last (a keyed
/// hash; their request is the one YES or NO answers), every texter whose plan names it, when it was asked this week,
/// when it last agreed or was alerted, and whether it said no (then it is never asked again: that alone outlives the
/// rest, in its declined mark, <see cref="TexterMarks.ContactDeclined"/>).
/// </summary>
public sealed record ContactNumberRecord
{
    public string? TexterKey { get; init; }
    public string? Language { get; init; }
    public IReadOnlyList<DateTimeOffset> RequestedAt { get; init; } = [];
    public bool Declined { get; init; }

    /// <summary>Every texter whose plan names this number, asked or agreed: its NO, STOP or FORGET reaches each of them.</summary>
    public IReadOnlyList<string> Texters { get; init; } = [];

    /// <summary>When it last agreed or was alerted: the record is kept as long as a plan may still name it.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>
    /// The MessageSid of its YES that agreed, its NO that declined or its "wrong number" that left her plan: that text,
    /// run again after a version conflict, is answered as its first run was, not as a second YES or NO or as a text
    /// from a number no plan names.
    /// </summary>
    public string? AnsweredByText { get; init; }

    /// <summary>
    /// The language the NO or "wrong number" of <see cref="AnsweredByText"/> was answered in: leaving her plan clears
    /// <see cref="Language"/>, and its run again answers in this one.
    /// </summary>
    public string? AnsweredInLanguage { get; init; }

    /// <summary>How many plans the NO or STOP of <see cref="AnsweredByText"/> left: counted as declines on whichever run of it is saved.</summary>
    public int DeclinedPlans { get; init; }

    /// <summary>
    /// Whose request the YES of <see cref="AnsweredByText"/> agreed to, and when: that YES run again, or sent again
    /// after the fallback, tells her again under the same outbox id (<see cref="ContactRequestTexts.AgreedId"/>).
    /// </summary>
    public ContactAgreement? AgreedWith { get; init; }

    /// <summary>
    /// When its NO, STOP or FORGET began taking it off the plans that name it, while some texter in <see cref="Texters"/>
    /// is still to be told: a fault part way leaves it, and their next NO, STOP or FORGET goes on from there
    /// (<see cref="SafetyContactLeaving.LeavesAsync"/>). Her text is queued under an id made from it, so she is told once.
    /// </summary>
    public DateTimeOffset? LeftAt { get; init; }

    /// <summary>Nothing but that it said no: what a declined number leaves once its answer is done with.</summary>
    [JsonIgnore]
    public bool IsOnlyDeclined =>
        Declined && RequestedAt.Count == 0 && Texters.Count == 0 && this == new ContactNumberRecord { Declined = true, RequestedAt = RequestedAt, Texters = Texters };

    /// <summary>This record noted as answered by <paramref name="answer"/>.</summary>
    public ContactNumberRecord AnsweredBy(ContactAnswer? answer) =>
        this with
        {
            AnsweredByText = answer?.MessageSid, AnsweredInLanguage = answer?.Language, DeclinedPlans = answer?.DeclinedPlans ?? 0, AgreedWith = null,
        };

    /// <summary>Whether this text is the one whose first run answered (<see cref="AnsweredByText"/>).</summary>
    public bool WasAnsweredBy(string? messageSid) => messageSid is not null && AnsweredByText == messageSid;

    /// <summary>This record linked to every texter it was but <paramref name="texterKey"/>.</summary>
    public ContactNumberRecord Unlinked(string texterKey) =>
        this with { TexterKey = TexterKey == texterKey ? null : TexterKey, Texters = [.. Texters.Where(key => key != texterKey)] };

    /// <summary>Every texter it may be linked to (a record from an earlier build knows only the last one who asked).</summary>
    public IEnumerable<string> Linked() => TexterKey is { } last && !Texters.Contains(last) ? [.. Texters, last] : Texters;
}

/// <summary>A contact's YES: the texter (keyed hash) whose request it agreed to, and when.</summary>
public sealed record ContactAgreement(string TexterKey, DateTimeOffset At);

/// <summary>
/// A check-in that lapsed, kept a day so her late OK is answered with what happened: only whether her contact was texted,
/// and in which plan (<see cref="SafetyPlan.Id"/>), so that only that plan's alert, reported undelivered, changes it.
/// </summary>
public sealed record MissedCheckIn(bool ContactAlerted, string? PlanId = null);

/// <summary>
/// A text about her, noted under its outbox id: whose it is (keyed hashes), what it was, and the plan it was about
/// (<see cref="SafetyPlan.Id"/>; none in a note from an earlier build, or of an on-call alert).
/// </summary>
public sealed record CheckInSend(string TexterKey, string ContactKey, CheckInSendKind Kind, string? PlanId = null)
{
    /// <summary>
    /// Whether <paramref name="plan"/> is the plan this text was about. A note from an earlier build names none, and its
    /// plan then was one from an earlier build too, or has ended since: a plan made since has an id.
    /// </summary>
    public bool IsAbout(SafetyPlan? plan) => plan is not null && plan.Id == PlanId;

    /// <summary>An alert about her to the on-call phone: it names no contact (that phone is the line's setting).</summary>
    public static CheckInSend OnCallAlert(string texterKey) => new(texterKey, ContactKey: "", CheckInSendKind.OnCallAlert);
}

public enum CheckInSendKind
{
    /// <summary>The alert of a missed check-in.</summary>
    AlertMissed,

    /// <summary>The request to be her contact.</summary>
    Request,

    /// <summary>The alert of her code word: its failure is told to the on-call phone only, never to her.</summary>
    AlertCodeWord,

    /// <summary>
    /// An alert about her to the on-call phone (<c>alert_staff</c>, <c>alert_staff_unreached</c>): noted only while it
    /// waits in the outbox, so that her STOP or FORGET meanwhile keeps it from going out.
    /// </summary>
    OnCallAlert,
}

[JsonSerializable(typeof(SafetyPlan))]
[JsonSerializable(typeof(CheckInSend))]
[JsonSerializable(typeof(MissedCheckIn))]
[JsonSerializable(typeof(ContactNumberRecord))]
internal sealed partial class CheckInJson : JsonSerializerContext;
