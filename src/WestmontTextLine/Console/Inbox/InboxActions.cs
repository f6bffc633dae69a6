using WestmontTextLine.Console.Audit;
using WestmontTextLine.Handoff;

namespace WestmontTextLine.Console.Inbox;

/// <summary>
/// What a staff member does to a conversation from the console, each through <see cref="IHandoffInbox"/> and, once
/// done, written to the audit log: who, what, and which texter by pseudonym and conversation id. Never a body or a
/// number. An action that did not happen (claimed by another, closed), or that the same form asked for again (a double
/// click on Send reply: <see cref="InboxOutcome.AlreadyDone"/>), is not recorded; a Close that stopped part-way is
/// recorded when the line has finished it (<see cref="LateCloseAudit"/>).
/// </summary>
public sealed class InboxActions(IHandoffInbox inbox, ConsoleAudit audit)
{
    /// <summary>
    /// A claim of a conversation she already holds changes nothing, and writes nothing (Claim pressed again and again).
    /// Taking one over from a colleague who went off shift says from whom ("conversation 5d1c... (taken over from bob)").
    /// </summary>
    public async Task<InboxOutcome> ClaimAsync(InboxConversation conversation, string staff, CancellationToken cancellationToken)
    {
        var outcome = await inbox.ClaimAsync(conversation.Id, staff, cancellationToken);
        var takenOver = conversation.ClaimedBy is { } holder ? $" (taken over from {holder})" : "";
        return conversation.ClaimedBy == staff ? outcome
            : await AuditedAsync(outcome, staff, ConsoleAuditActions.ConversationClaimed, Target(conversation, takenOver));
    }

    public async Task<InboxOutcome> TransferAsync(InboxConversation conversation, string staff, string to, CancellationToken cancellationToken) =>
        await AuditedAsync(await inbox.TransferAsync(conversation.Id, staff, to, cancellationToken),
            staff, ConsoleAuditActions.ConversationTransferred, Target(conversation, $" to {to}"));

    public async Task<InboxOutcome> ReplyAsync(InboxConversation conversation, string staff, string body, string? replyId, CancellationToken cancellationToken) =>
        await AuditedAsync(await inbox.ReplyAsync(conversation.Id, staff, body, replyId, cancellationToken),
            staff, ConsoleAuditActions.ConversationReplied, Target(conversation));

    public async Task<InboxOutcome> RetryAsync(InboxConversation conversation, long messageNumber, string staff, CancellationToken cancellationToken) =>
        await AuditedAsync(await inbox.RetryAsync(conversation.Id, messageNumber, staff, cancellationToken),
            staff, ConsoleAuditActions.ReplyRetried, Target(conversation));

    public async Task<InboxOutcome> CloseAsync(InboxConversation conversation, string staff, CancellationToken cancellationToken) =>
        await AuditedAsync(await inbox.CloseAsync(conversation.Id, staff, cancellationToken),
            staff, ConsoleAuditActions.ConversationClosed, Target(conversation));

    /// <summary>
    /// Any staff member may delete a conversation, a colleague's open one too: the audit line says when it was still
    /// open, and who held it ("conversation 5d1c... (open, held by bob)"), since nothing else is left to show it.
    /// </summary>
    public async Task<InboxOutcome> DeleteAsync(InboxConversation conversation, string staff, CancellationToken cancellationToken) =>
        await AuditedAsync(await inbox.DeleteAsync(conversation.Id, staff, cancellationToken),
            staff, ConsoleAuditActions.ConversationDeleted, Target(conversation, WhileOpen(conversation)));

    /// <summary>" (open, held by bob)", " (open, unclaimed)", or nothing for a closed conversation.</summary>
    private static string WhileOpen(InboxConversation conversation) =>
        conversation.State != InboxConversationState.Open ? ""
        : conversation.ClaimedBy is { } holder ? $" (open, held by {holder})"
        : " (open, unclaimed)";

    /// <summary>
    /// "conversation 5d1c…" (and what follows it): the audit's name for a conversation, cut to fit. Never her pseudonym:
    /// the audit keeps its newest 10,000 entries, long after FORGET, and the pseudonym is 4 characters of her keyed hash.
    /// </summary>
    public static string Target(InboxConversation conversation, string after = "") => Target(conversation.Id, after);

    public static string Target(string conversationId, string after = "")
    {
        var target = $"conversation {conversationId}";
        var room = AuditEntry.MaxTargetLength - after.Length;
        return (target.Length <= room ? target : target[..room]) + after;
    }

    private async Task<InboxOutcome> AuditedAsync(InboxOutcome outcome, string staff, string action, string target)
    {
        if (outcome == InboxOutcome.Done) await audit.RecordAsync(staff, action, target);
        return outcome;
    }
}
