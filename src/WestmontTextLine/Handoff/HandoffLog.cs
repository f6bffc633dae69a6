namespace WestmontTextLine.Handoff;

/// <summary>The handoff's log lines: a texter's log tag (<see cref="Logging.LogTag"/>, never the pseudonym staff see, which is 4 characters of her keyed hash), a conversation id, a kind or a fault. Never a number, a body or a staff reply.</summary>
public static partial class HandoffLog
{
    [LoggerMessage(101, LogLevel.Information, "Conversation {ConversationId} with texter {Texter} opened ({Mode})")]
    public static partial void Opened(ILogger logger, string texter, string conversationId, HandoffMode mode);

    [LoggerMessage(102, LogLevel.Information, "Conversation {ConversationId} with texter {Texter} closed")]
    public static partial void Closed(ILogger logger, string texter, string conversationId);

    [LoggerMessage(103, LogLevel.Warning, "Inbox event {Kind} not announced: {Fault}; pages see the change at their next load")]
    public static partial void NotAnnounced(ILogger logger, InboxEventKind kind, string fault);

    // 104 was "Handoff timer pass failed", a line a pass: PassFaults tells a run of them once.

    [LoggerMessage(105, LogLevel.Warning, "A staff reply in conversation {ConversationId} never reached the outbox (the store failed as it was sent); it shows as not delivered, to retry")]
    public static partial void ReplyLost(ILogger logger, string conversationId);

    [LoggerMessage(106, LogLevel.Warning, "Conversation {ConversationId}, whose opening failed, could not be deleted: {Fault}: {FaultMessage}; its timer or its expiry ends it")]
    public static partial void NotWithdrawn(ILogger logger, string conversationId, string fault, string faultMessage);

    [LoggerMessage(107, LogLevel.Warning, "Conversation {ConversationId}, whose close stopped part-way, could not be finished: {Fault}: {FaultMessage}; its timer finishes it")]
    public static partial void CloseNotFinished(ILogger logger, string conversationId, string fault, string faultMessage);
}
