using WestmontTextLine.Handoff;

namespace WestmontTextLine.Console.Inbox;

/// <summary>
/// A staff member's Close that stopped part-way (the store failed after the chat was written closed) recorded nothing,
/// since <see cref="InboxActions"/> records only what was done; the line finishes it once the store answers, and this
/// writes it then: "inbox.closed" by who pressed Close, saying it finished late. The audit log is resolved at that
/// moment, not with the conversations, which the line builds at its first text: the log opens its store when first
/// used, and a store deleted before then is reported as such (<c>ConsoleAfterEarlyDeleteTests</c>). The finishing is tried
/// again until the store answers, this write too (a Redis timeout whose write went through): the entry's once id, the
/// same on every try (a chat is closed once), keeps it to one entry.
/// </summary>
public sealed class LateCloseAudit(IServiceProvider services) : ILateStaffCloseListener
{
    public const string FinishedLate = " (finished late, once the store answered)";

    public Task FinishedLateAsync(string conversationId, string staffName, CancellationToken cancellationToken) =>
        services.GetRequiredService<ConsoleAudit>()
            .RecordAsync(staffName, ConsoleAuditActions.ConversationClosed, InboxActions.Target(conversationId, FinishedLate), OnceId(conversationId));

    public static string OnceId(string conversationId) => $"{ConsoleAuditActions.ConversationClosed}:{conversationId}";
}
