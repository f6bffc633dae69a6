using WestmontTextLine.Engine;

namespace WestmontTextLine.Handoff;

/// <summary>
/// The line's notes for staff in her open conversation, each flagging it urgent: her code word, her lapsed check-in.
/// </summary>
public sealed class HandoffUrgentNotes(HandoffConversations conversations, TimeProvider time)
{
    public const string TexterSentCodeWord =
        "Her last text was her safety code word: she may be in danger, and someone may be reading her phone. The line answered "
        + "only \"Got it, thanks.\" and alerted her safety contact, if she has one. Do not text her about it; wait for her to text.";

    /// <summary>
    /// Her text in the chat was her code word: staff read what it means beside it, with the conversation flagged urgent,
    /// so that no one texts her phone to ask what the word was while someone else may be reading it.
    /// </summary>
    public Task CodeWordSentAsync(HandoffConversation open, InboundText text, CancellationToken cancellationToken) =>
        AddUrgentLineAsync(open.Id, text.ReceivedAt, TexterSentCodeWord, conversation => NotedAlready(conversation, text.MessageSid), cancellationToken);

    /// <summary>A note for staff in her open chat, if she has one, which is flagged urgent (her check-in lapsed, say).</summary>
    public async Task NoteUrgentAsync(string senderKey, string note, CancellationToken cancellationToken)
    {
        if (await conversations.TexterAsync(senderKey, cancellationToken) is not { OpenId: { } id }) return;
        await AddUrgentLineAsync(id, time.GetUtcNow(), note, _ => false, cancellationToken);
    }

    /// <summary>The line's note in an open conversation, which is flagged urgent, and staff's pages told of both.</summary>
    private async Task AddUrgentLineAsync(
        string conversationId, DateTimeOffset at, string note, Func<HandoffConversation, bool> notedAlready, CancellationToken cancellationToken)
    {
        var noted = false;
        await conversations.UpdateAsync(conversationId, conversation =>
        {
            if (conversation is not { IsOpen: true } || notedAlready(conversation)) return conversation;
            noted = true;
            return conversation.WithLine(at, note) with { Urgent = true };
        }, cancellationToken);
        if (!noted) return;
        await conversations.PublishAsync(InboxEventKind.Message, conversationId, cancellationToken);
        await conversations.PublishAsync(InboxEventKind.Urgent, conversationId, cancellationToken);
    }

    // The same text run again (after a save conflict) is noted once: the note follows her text.
    private static bool NotedAlready(HandoffConversation conversation, string? messageSid)
    {
        if (messageSid is null) return false;
        var messages = conversation.Messages;
        for (var i = 0; i < messages.Count - 1; i++)
        {
            if (messages[i].Sid == messageSid && messages[i + 1].Body == TexterSentCodeWord) return true;
        }
        return false;
    }
}
