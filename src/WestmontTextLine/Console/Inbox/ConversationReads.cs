using System.Collections.Concurrent;
using WestmontTextLine.Handoff;

namespace WestmontTextLine.Console.Inbox;

/// <summary>
/// Staff may read a conversation a colleague holds (to take it over when she goes off shift, or to help), and the
/// audit log says so: "inbox.read", with who, when and "conversation 5d1c... (held by bob)". Once per reader,
/// conversation and holder per <see cref="Window"/> on an instance, since the page fetches its live part again at each
/// change: one line for a look, not one for every text. Reading an unclaimed conversation (before claiming it), or one's
/// own, is the work itself and is not recorded.
/// </summary>
public sealed class ConversationReads(ConsoleAudit audit, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    /// <summary>Past this many remembered reads, those older than the window are forgotten.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<(string Reader, string Conversation, string Holder), DateTimeOffset> _recorded = new();

    public async Task NoteAsync(InboxConversation conversation, string reader, CancellationToken cancellationToken)
    {
        if (conversation.ClaimedBy is not { } holder || string.Equals(holder, reader, StringComparison.OrdinalIgnoreCase)) return;
        var now = time.GetUtcNow();
        var key = (reader, conversation.Id, holder);
        if (_recorded.TryGetValue(key, out var at) && now - at < Window) return;
        if (_recorded.Count > PruneAbove) Prune(now);
        _recorded[key] = now;
        await audit.RecordAsync(reader, ConsoleAuditActions.ConversationRead, InboxActions.Target(conversation, $" (held by {holder})"));
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, at) in _recorded)
        {
            if (now - at >= Window) _recorded.TryRemove(KeyValuePair.Create(key, at));
        }
    }
}
