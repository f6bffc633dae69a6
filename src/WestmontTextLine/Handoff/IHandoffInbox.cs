namespace WestmontTextLine.Handoff;

/// <summary>
/// The staff side of "talk to a person": the open conversations, their messages, and what staff do with them.
/// The console calls it; it knows nothing of HTTP. Conversations are named by an opaque id and shown by a pseudonym
/// ("Texter 3F2A"), never by a number. Every change is durable when its task completes, and is announced on
/// <see cref="IInboxEvents"/> to every instance.
/// </summary>
public interface IHandoffInbox
{
    /// <summary>Open conversations: urgent first, then the longest waiting first.</summary>
    Task<IReadOnlyList<InboxConversation>> ListOpenAsync(CancellationToken cancellationToken = default);

    Task<InboxConversation?> FindAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>The conversation's messages, oldest first, decrypted for the signed-in staff member's page.</summary>
    Task<IReadOnlyList<InboxMessage>> MessagesAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Takes the conversation for <paramref name="staffName"/>, so two never answer at once.</summary>
    Task<InboxOutcome> ClaimAsync(string conversationId, string staffName, CancellationToken cancellationToken = default);

    /// <summary>Hands a conversation <paramref name="staffName"/> holds to <paramref name="toStaffName"/>.</summary>
    Task<InboxOutcome> TransferAsync(string conversationId, string staffName, string toStaffName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a staff reply through the outbound sender. Once this returns <see cref="InboxOutcome.Done"/> the reply is
    /// durable ("sent" on the page): a restart does not lose it. Only the staff member holding the claim may reply.
    /// </summary>
    Task<InboxOutcome> ReplyAsync(string conversationId, string staffName, string body, CancellationToken cancellationToken = default) =>
        ReplyAsync(conversationId, staffName, body, replyId: null, cancellationToken);

    /// <summary>
    /// As above, for a reply posted from a page's form: <paramref name="replyId"/> is the id that form carried (see
    /// <see cref="StaffReplyIds"/>). The same form posted again (a double click on Send, the browser sending it twice)
    /// by the same staff member sends nothing more, and is <see cref="InboxOutcome.AlreadyDone"/>: the reply it asked for is in.
    /// </summary>
    Task<InboxOutcome> ReplyAsync(string conversationId, string staffName, string body, string? replyId, CancellationToken cancellationToken = default);

    /// <summary>Sends a failed staff reply again.</summary>
    Task<InboxOutcome> RetryAsync(string conversationId, long messageNumber, string staffName, CancellationToken cancellationToken = default);

    /// <summary>Closes the conversation, with a short closing text to the texter; the bodies are deleted Handoff:KeepFor later.</summary>
    Task<InboxOutcome> CloseAsync(string conversationId, string staffName, CancellationToken cancellationToken = default);

    /// <summary>Deletes the conversation and its bodies at once.</summary>
    Task<InboxOutcome> DeleteAsync(string conversationId, string staffName, CancellationToken cancellationToken = default);
}

public enum InboxOutcome
{
    Done,
    NotFound,
    /// <summary>Another staff member holds the claim.</summary>
    ClaimedByAnother,
    /// <summary>The conversation is closed (or the texter opted out) and takes no more replies.</summary>
    Closed,
    /// <summary>The reply is empty, not GSM-7-safe after normalising, or longer than three segments.</summary>
    Invalid,
    /// <summary>Outbound texts are off (no Twilio:AccountSid), so staff cannot reply.</summary>
    CannotSend,
    /// <summary>The same reply form was posted again (a double click): the reply is in from the first post, nothing more was done.</summary>
    AlreadyDone,
}

public enum InboxConversationState { Open, Closed }

public sealed record InboxConversation(
    string Id,
    string Pseudonym,
    string Language,
    bool Urgent,
    InboxConversationState State,
    DateTimeOffset OpenedAt,
    /// <summary>When the texter's oldest unanswered text arrived; null when staff answered the last one.</summary>
    DateTimeOffset? WaitingSince,
    string? ClaimedBy,
    /// <summary>Titles of the menu answers she read before asking, most recent last.</summary>
    IReadOnlyList<string> AnswersRead);

public enum InboxMessageFrom { Texter, Staff, Line }

public enum InboxDelivery { None, Queued, Sent, Delivered, Failed }

public sealed record InboxMessage(
    long Number,
    DateTimeOffset At,
    InboxMessageFrom From,
    string Body,
    string? StaffName,
    bool Urgent,
    InboxDelivery Delivery,
    /// <summary>Twilio's error code for a failed send, e.g. "30007".</summary>
    string? ErrorCode);
