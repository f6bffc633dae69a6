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

    /// <summary>Said of a close that stopped part-way and was deleted (Delete now, her FORGET) before the line finished it.</summary>
    public const string DeletedBeforeFinished = " (stopped part-way, deleted before it was finished)";

    public Task FinishedLateAsync(string conversationId, string staffName, CancellationToken cancellationToken) =>
        RecordAsync(conversationId, staffName, FinishedLate);

    /// <summary>
    /// Staff asked for the close, the chat was written closed, and her closing text may have gone out: the log shows it,
    /// by who pressed Close, before the deletion's own line. Under the same once id as the late one, so it is one line.
    /// </summary>
    public Task DeletedBeforeFinishedAsync(string conversationId, string staffName, CancellationToken cancellationToken) =>
        RecordAsync(conversationId, staffName, DeletedBeforeFinished);

    private Task RecordAsync(string conversationId, string staffName, string how) =>
        services.GetRequiredService<ConsoleAudit>()
            .RecordAsync(staffName, ConsoleAuditActions.ConversationClosed, InboxActions.Target(conversationId, how), OnceId(conversationId));

    public static string OnceId(string conversationId) => $"{ConsoleAuditActions.ConversationClosed}:{conversationId}";
}
