using System.Text.Json.Serialization;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Handoff;

/// <summary>Whether staff and the texter are texting now, or she left a message for the next shift.</summary>
public enum HandoffMode
{
    /// <summary>Her texts go to the inbox as she sends them; it closes after Handoff:IdleClose of silence.</summary>
    Live,

    /// <summary>
    /// She left a message when no one could answer: her later texts work the menu, and it waits for staff until
    /// <see cref="HandoffConversation.WaitsUntil"/>. A staff reply (or TALK while someone is on shift) makes it live.
    /// </summary>
    Message,
}

/// <summary>Which closing text a closed conversation still owes her.</summary>
public enum HandoffClosingText
{
    /// <summary>"Thank you for texting": someone from staff replied.</summary>
    Closed,

    /// <summary>"Sorry, no one could reply", with 911 and the hotline.</summary>
    Unanswered,
}

/// <summary>
/// One conversation with staff, stored whole and encrypted (kind "handoff", keyed by its random id): who she is by her
/// keyed hash only, her number only while it is open (to text her back) and until its closing text is queued, and every message, bodies and all.
/// </summary>
public sealed record HandoffConversation
{
    public required string Id { get; init; }
    public required string TexterKey { get; init; }

    /// <summary>Her number, for staff replies; removed when the conversation closes.</summary>
    public string? TexterNumber { get; init; }
    public required string Language { get; init; }
    public HandoffMode Mode { get; init; }
    public InboxConversationState State { get; init; }
    public bool Urgent { get; init; }
    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>The last text either way: idle close counts from here.</summary>
    public DateTimeOffset LastActivityAt { get; init; }
    public DateTimeOffset? WaitingSince { get; init; }

    /// <summary>A message left for the next shift waits until then, and is closed if no one answered.</summary>
    public DateTimeOffset? WaitsUntil { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>
    /// Closed, with her closing text not yet queued: her number is kept only until it is. A close whose caller gave up
    /// part-way (a write Redis ran after it resumed) is finished by the conversation's timer from this.
    /// </summary>
    public HandoffClosingText? ClosingTextDue { get; init; }
    public string? ClaimedBy { get; init; }
    public IReadOnlyList<string> AnswersRead { get; init; } = [];
    public IReadOnlyList<HandoffMessage> Messages { get; init; } = [];

    [JsonIgnore]
    public bool IsOpen => State == InboxConversationState.Open;

    [JsonIgnore]
    public long NextNumber => Messages.Count == 0 ? 1 : Messages[^1].Number + 1;

    public HandoffConversation With(HandoffMessage message) => this with { Messages = [.. Messages, message] };

    public HandoffConversation WithLine(DateTimeOffset at, string body, string? staffName = null) =>
        With(new HandoffMessage(NextNumber, at, InboxMessageFrom.Line, body, staffName));

    public HandoffMessage? Message(long number) => Messages.FirstOrDefault(m => m.Number == number);

    /// <summary>
    /// True when this staff member's Close closed it: its closing line, the last (a closed chat takes no more), is
    /// theirs. The idle close's, her MENU's or STOP's closing line names no one.
    /// </summary>
    public bool WasClosedBy(string staffName) => ClosedByStaff == staffName;

    /// <summary>Who from staff closed it (its closing line, the last, names them); null while open, or closed by the line or by her.</summary>
    public string? ClosedByStaff => !IsOpen && Messages is [.., { From: InboxMessageFrom.Line } closing] ? closing.StaffName : null;

    /// <summary>
    /// The closing text a close by this staff member (null: by the line) owes her: closed by the line with no word from
    /// staff, the no-reply text, since "thank you for texting" would read as if someone had answered.
    /// </summary>
    public HandoffClosingText ClosingTextFor(string? staffName) =>
        staffName is null && Messages.All(message => message.From != InboxMessageFrom.Staff) ? HandoffClosingText.Unanswered : HandoffClosingText.Closed;

    /// <summary>The closing text a closed conversation owed her, by who closed it (its closing line, the last, names them).</summary>
    public HandoffClosingText ClosingTextOwed => ClosingTextFor(ClosedByStaff);

    public HandoffConversation WithMessage(HandoffMessage changed) =>
        this with { Messages = [.. Messages.Select(m => m.Number == changed.Number ? changed : m)] };

    /// <summary>True when a text with this MessageSid is already in (a text run again after a save conflict).</summary>
    public bool HasText(string? messageSid) => messageSid is not null && Messages.Any(m => m.Sid == messageSid);

    /// <summary>
    /// True when this staff member's reply is already in from the same form (posted twice: a double click). Another text
    /// from an old copy of the form (the browser's Back) is a reply of its own, and so is another account's post.
    /// </summary>
    public bool HasReply(string? replyId, string body, string staffName) =>
        replyId is not null && Messages.Any(m => m.From == InboxMessageFrom.Staff && m.ReplyId == replyId && m.Body == body && m.StaffName == staffName);

    public InboxConversation ToInbox() => new(
        Id, Pseudonym.Of(TexterKey), Language, Urgent, State, OpenedAt, WaitingSince, ClaimedBy, AnswersRead);
}

/// <param name="Sid">The inbound text's MessageSid, so a text run twice is stored once.</param>
/// <param name="Attempt">For a staff reply, which send this is (1, then one more at each retry): only its outcome counts.</param>
/// <param name="QueuedAt">For a staff reply, when its latest attempt was handed to the outbox (checked by <see cref="StaffReplyChecks"/>).</param>
/// <param name="ReplyId">For a staff reply, the id its page's form carried, so the same form posted twice is one reply.</param>
public sealed record HandoffMessage(
    long Number,
    DateTimeOffset At,
    InboxMessageFrom From,
    string Body,
    string? StaffName = null,
    bool Urgent = false,
    InboxDelivery Delivery = InboxDelivery.None,
    string? ErrorCode = null,
    int Attempt = 0,
    string? Sid = null,
    DateTimeOffset? QueuedAt = null,
    string? ReplyId = null)
{
    public InboxMessage ToInbox() => new(Number, At, From, Body, StaffName, Urgent, Delivery, ErrorCode);
}

/// <summary>
/// What the line keeps per texter (kind "handoff-texter", under her keyed hash): her open conversation, an offer to take
/// a message that she has not yet answered, and her closed conversations still kept, so that FORGET finds them all.
/// </summary>
public sealed record HandoffTexter
{
    public string? OpenId { get; init; }

    /// <summary>The line offered to take a message: her next text, until then, is one.</summary>
    public DateTimeOffset? AwaitingMessageUntil { get; init; }

    /// <summary>What she had read when she asked (kept with the offer, for the message's conversation).</summary>
    public IReadOnlyList<string> AnswersRead { get; init; } = [];
    public IReadOnlyList<KeptConversation> Kept { get; init; } = [];

    /// <summary>
    /// Her asks for a person whose opening failed (she got the fallback) and was withdrawn, by MessageSid: a retry of
    /// one gets the fallback again, where a retry of an ask whose chat staff deleted is answered as TALK answers now.
    /// </summary>
    public IReadOnlyList<FailedAsk> FailedAsks { get; init; } = [];

    public bool IsAwaiting(DateTimeOffset now) => AwaitingMessageUntil > now;
}

public sealed record KeptConversation(string Id, DateTimeOffset Until);

/// <summary>An ask for a person (its MessageSid) whose opening failed, remembered until <paramref name="Until"/> (Handoff:KeepFor).</summary>
public sealed record FailedAsk(string Sid, DateTimeOffset Until);

/// <summary>The open conversations' ids (kind "handoff-index"), so every instance can list them.</summary>
public sealed record HandoffIndex
{
    public IReadOnlyList<string> OpenIds { get; init; } = [];
}

/// <summary>Who is on shift (kind "handoff-shifts"), and since when.</summary>
public sealed record ShiftList
{
    public IReadOnlyList<OnShift> Staff { get; init; } = [];
}

public sealed record OnShift(string Name, DateTimeOffset Since);

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(HandoffConversation))]
[JsonSerializable(typeof(HandoffTexter))]
[JsonSerializable(typeof(HandoffIndex))]
[JsonSerializable(typeof(ShiftList))]
internal sealed partial class HandoffJson : JsonSerializerContext;
