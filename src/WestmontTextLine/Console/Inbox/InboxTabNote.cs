using WestmontTextLine.Handoff;

namespace WestmontTextLine.Console.Inbox;

/// <summary>
/// What the browser tab's title says before the page's name, so a volunteer working in another tab, or in one
/// conversation, sees that texters wait: "(1 urgent, 2 waiting) Inbox". Counts only, never a pseudonym: a tab's title
/// shows in the task bar and in screen sharing.
/// </summary>
public static class InboxTabNote
{
    /// <summary>Conversations that need someone: the texter waits for an answer, or she is flagged urgent.</summary>
    public static bool NeedsSomeone(InboxConversation conversation) =>
        conversation.State == InboxConversationState.Open && (conversation.WaitingSince is not null || conversation.Urgent);

    /// <summary>"(1 urgent, 2 waiting)", "(2 waiting)", "(1 urgent)", or null when no one waits.</summary>
    public static string? Of(IEnumerable<InboxConversation> conversations)
    {
        var open = conversations.Where(NeedsSomeone).ToList();
        var urgent = open.Count(c => c.Urgent);
        var waiting = open.Count(c => c.WaitingSince is not null);
        var parts = new List<string>(2);
        if (urgent > 0) parts.Add($"{urgent} urgent");
        if (waiting > 0) parts.Add($"{waiting} waiting");
        return parts.Count == 0 ? null : $"({string.Join(", ", parts)})";
    }
}
