using WestmontTextLine.Conversations;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Senders;
using WestmontTextLine.Sessions;
using WestmontTextLine.Words;

namespace WestmontTextLine.Handoff;

/// <summary>
/// The texter's side of "talk to a person". Asked for (TALK, the menu option, "can I talk to someone"): when someone is
/// on shift in staffed hours, a conversation opens and she is told someone will text back; else she is told honestly
/// when someone will be there, with 911 and the hotline, and, if the line takes messages, her next text is one
/// (<see cref="HandoffOpening"/>). While
/// a conversation is open her texts go to the inbox (silently, as in any chat), except what the line must still answer:
/// STOP and FORGET, emergency words and distress (answered at once, and the conversation flagged urgent), and MENU, which
/// leaves the conversation. Nothing here logs a number or a body.
/// </summary>
public sealed class HandoffService(
    ConversationEngine engine,
    HandoffConversations conversations,
    HandoffAvailability availability,
    HandoffOpening opening,
    HandoffUrgentNotes notes,
    HandoffTexts texts,
    WithdrawingAsks withdrawing,
    TimeProvider time)
{
    public const string TexterReturnedToMenu = "The texter returned to the menu.";
    public const string TexterOptedOut = "The texter opted out (STOP): no more texts can be sent to her.";
    public const string PictureNotShown = "The texter sent a picture or file. The line does not show them: ask her to say it in words.";
    public const string LineAnsweredHer = "The line answered her at once: ";

    /// <summary>
    /// Reads the inbox for a texter whose session says a conversation may be open (only then: most texts cost nothing
    /// here). A conversation that closed since her last text leaves her at the main menu, so her next digit works it
    /// (unless the session timed out since the chat ended: then she gets the welcome, as after any silence).
    /// </summary>
    public async Task<HandoffTurn> BeginAsync(string senderKey, Session? session, InboundText text, CancellationToken cancellationToken)
    {
        if (session is not { Handoff: true } || (text.MessageSid is { } sid && session.HasAnswered(sid))) return HandoffTurn.None(session);
        var texter = await conversations.TexterAsync(senderKey, cancellationToken);
        var open = texter?.OpenId is { } id ? await conversations.LoadAsync(id, cancellationToken) : null;
        if (open is { IsOpen: false }) open = null;
        var awaiting = texter?.IsAwaiting(time.GetUtcNow()) == true;
        // The same text run again (after another instance saved her session first) is read as it was the first time.
        var earlier = text.MessageSid is null ? null : open?.Messages.FirstOrDefault(m => m.Sid == text.MessageSid);
        if (earlier is { From: InboxMessageFrom.Texter } && open!.Mode == HandoffMode.Message) awaiting = true;
        if (open is not null || awaiting) return new HandoffTurn(session, open, awaiting, AskedWithThisText: earlier is { From: InboxMessageFrom.Line });
        var closedAt = await LastClosedAsync(texter, cancellationToken);
        var atMenu = session with
        {
            Handoff = false,
            Node = engine.Flow.Language(session.Language).Start,
            Choices = null,
            // Silence is counted from the chat's end (the closing text), not from this text: hours later she gets the
            // welcome a first text gets, as after any silence, so that someone else holding her phone learns nothing.
            LastActivity = closedAt > session.LastActivity ? closedAt.Value : session.LastActivity,
        };
        return HandoffTurn.None(atMenu);
    }

    /// <summary>
    /// A retry of her TALK (the same MessageSid) whose stored reply is "connected" is answered by what became of the chat
    /// that TALK opened. Still open: "connected" again. Closed since (one of her kept chats holds the text, read newest
    /// first, only on this rare path): its closing text again, the one she was sent, true and calm where "connected"
    /// would send her texts to a chat that is over and "a technical problem" would alarm her. None holds it, and its
    /// opening failed (her session was saved with that reply before the opening ran; she got the fallback, and what it
    /// left was withdrawn, remembered in <see cref="HandoffTexter.FailedAsks"/>): the fallback again, never "connected".
    /// So too before that clean-up ran, which Twilio's retry, seconds later, often comes before: the opening failed in
    /// this process, and its ask is held here meanwhile (<see cref="WithdrawingAsks"/>); what the store holds of it then
    /// (a chat a frozen Redis wrote late, or nothing) is not read. None holds it otherwise: staff deleted its chat (or it was kept past Handoff:KeepFor), and she is answered as
    /// TALK answers now (a new chat, or the honest "no one now"); the line could not tell that from a failed opening, and
    /// sent the fault text to a texter whose chat staff had deleted.
    /// </summary>
    private async Task<HandoffAnswer> RepeatAsync(
        string senderNumber, string senderKey, InboundText text, TextResult result, string label, CancellationToken cancellationToken)
    {
        if (text.MessageSid is not { } sid || result.Reply != texts.In(result.Session?.Language).HandoffOpen) return new HandoffAnswer(result, label);
        if (withdrawing.Holds(senderKey, sid)) return Fallback(text, result);
        var texter = await conversations.TexterAsync(senderKey, cancellationToken);
        var open = texter?.OpenId is { } id ? await conversations.LoadAsync(id, cancellationToken) : null;
        if (open is { IsOpen: true } && open.HasText(sid)) return new HandoffAnswer(result, label);
        foreach (var kept in texter?.Kept.OrderByDescending(k => k.Until) ?? Enumerable.Empty<KeptConversation>())
        {
            if (await conversations.LoadAsync(kept.Id, cancellationToken) is { IsOpen: false } closed && closed.HasText(sid))
            {
                var (closing, closingLabel) = texts.Closing(closed.Language, closed.ClosingTextOwed);
                return new HandoffAnswer(result with { Reply = closing }, closingLabel);
            }
        }
        if (texter?.FailedAsks.Any(failed => failed.Sid == sid) == true || result.Session is not { } asked) return Fallback(text, result);
        return await AskedAsync(senderNumber, senderKey, asked, text, result, cancellationToken);
    }

    private HandoffAnswer Fallback(InboundText text, TextResult result) =>
        new(result with { Reply = engine.FallbackFor(text.Body) }, ConversationReply.FallbackLabel);

    /// <summary>When her last conversation with staff closed (its last activity), if it is still kept.</summary>
    private async Task<DateTimeOffset?> LastClosedAsync(HandoffTexter? texter, CancellationToken cancellationToken)
    {
        if (texter?.Kept is not { Count: > 0 } kept) return null;
        var last = await conversations.LoadAsync(kept.MaxBy(k => k.Until)!.Id, cancellationToken);
        return last is null ? null : last.ClosedAt is { } closed && closed > last.LastActivityAt ? closed : last.LastActivityAt;
    }

    /// <summary>MENU (or 0) in a conversation with staff: she leaves it.</summary>
    public bool LeavesChat(InboundText text) => Keyword(text) == KeywordAction.Menu;

    /// <summary>ESPANOL or ENGLISH in a conversation with staff: the language she asks for, else null.</summary>
    public string? LanguageAsked(InboundText text) =>
        Match(text) is { Action: KeywordAction.Language, Language: { } language } ? language : null;

    /// <summary>
    /// She switched language in the chat: staff see it on the conversation (answer in it), and the line's texts to her
    /// from it (the closing text) come in it.
    /// </summary>
    public async Task LanguageChangedAsync(HandoffTurn turn, string language, CancellationToken cancellationToken)
    {
        if (turn.Open is not { } open) return;
        var changed = false;
        await conversations.UpdateAsync(open.Id, conversation =>
        {
            if (conversation is not { IsOpen: true } || conversation.Language == language) return conversation;
            changed = true;
            return conversation with { Language = language };
        }, cancellationToken);
        if (changed) await conversations.PublishAsync(InboxEventKind.Message, open.Id, cancellationToken);
    }

    /// <summary>HELP in a conversation with staff: the help reply still goes out (carriers require it), and staff see the text.</summary>
    public bool AsksForHelp(InboundText text) => Keyword(text) == KeywordAction.Help;

    /// <summary>After the offer to take a message, her next text is one, unless it is a keyword or a digit (which work the menu).</summary>
    public bool TakesAsMessage(HandoffTurn turn, InboundText text)
    {
        if (!turn.AwaitingMessage || turn.InChat) return false;
        var normalized = InputText.Normalize(text.Body);
        // "yeah", "k" (check_in_yes) answer only a waiting check-in text, which the check-in took before this: here they are words.
        // "thanks", "bye" (courtesy) close her side of it: "we saved your message" for a "thanks" would not be true to her.
        return normalized.Length > 0 && engine.Flow.Keywords.MatchWhole(normalized).Action is KeywordAction.None or KeywordAction.CheckInYes
            && Triggers.OptionNumber(normalized) == 0 && !engine.Flow.Courtesy.IsWhole(normalized);
    }

    /// <summary>
    /// Her text goes to the inbox: the open conversation's newest message, waiting for staff. When the line itself answered
    /// it (an emergency word, HELP, OK to her check-in), staff see that answer under her text, so they know what she was
    /// just told and do not text it again, or wonder whether she got the 911 and hotline numbers.
    /// </summary>
    public async Task TexterWroteAsync(HandoffTurn turn, InboundText text, bool urgent, CancellationToken cancellationToken, string? lineAnswered = null)
    {
        if (turn.Open is not { } open) return;
        var becameUrgent = false;
        var added = false;
        await conversations.UpdateAsync(open.Id, conversation =>
        {
            if (conversation is not { IsOpen: true } || conversation.HasText(text.MessageSid)) return conversation;
            becameUrgent = urgent && !conversation.Urgent;
            added = true;
            var at = text.ReceivedAt;
            var written = conversation;
            // A picture alone has no words: staff see that one came (the line never shows it), not an empty message.
            if (text.Body.Length > 0 || !text.HasMedia)
                written = written.With(new HandoffMessage(written.NextNumber, at, InboxMessageFrom.Texter, text.Body, Urgent: urgent, Sid: text.MessageSid));
            if (text.HasMedia)
            {
                written = written.With(new HandoffMessage(written.NextNumber, at, InboxMessageFrom.Line, PictureNotShown,
                    Sid: text.Body.Length > 0 ? null : text.MessageSid));
            }
            if (!string.IsNullOrEmpty(lineAnswered))
                written = written.With(new HandoffMessage(written.NextNumber, at, InboxMessageFrom.Line, LineAnsweredHer + lineAnswered));
            return written with
            {
                Urgent = conversation.Urgent || urgent,
                WaitingSince = conversation.WaitingSince ?? at,
                LastActivityAt = at,
            };
        }, cancellationToken);
        if (added) await conversations.PublishAsync(InboxEventKind.Message, open.Id, cancellationToken);
        if (becameUrgent) await conversations.PublishAsync(InboxEventKind.Urgent, open.Id, cancellationToken);
    }

    /// <inheritdoc cref="HandoffUrgentNotes.CodeWordSentAsync"/>
    public async Task CodeWordSentAsync(HandoffTurn turn, InboundText text, CancellationToken cancellationToken)
    {
        if (turn.Open is { } open) await notes.CodeWordSentAsync(open, text, cancellationToken);
    }

    /// <summary>Her text after the offer: a message for the next shift, in a conversation that waits for staff.</summary>
    public async Task<(string Reply, string Label)> TakeMessageAsync(
        string senderNumber, string senderKey, HandoffTurn turn, InboundText text, CancellationToken cancellationToken)
    {
        var language = turn.Session?.Language ?? Flow.DefaultLanguage;
        if (turn.Open is { } open)
        {
            await TexterWroteAsync(turn, text, urgent: false, cancellationToken);
            await OfferLapsesAsync(senderKey, cancellationToken);
        }
        else if (await conversations.InboxFullAsync(cancellationToken))
        {
            // The inbox filled after the offer was made: her message is not kept, and she is told no one can answer.
            await OfferLapsesAsync(senderKey, cancellationToken);
            var chance = await availability.NowAsync(cancellationToken);
            return (texts.Unavailable(language, chance.NextStart, offer: false, chance.Today), "handoff_unavailable");
        }
        else
        {
            await opening.LeaveMessageAsync(senderNumber, senderKey, language, text, cancellationToken);
        }
        return (texts.In(language).HandoffMessageTaken, "handoff_message_taken");
    }

    /// <summary>
    /// What the inbox adds to the menu's answer: the talk node answered (a conversation opened, or the honest "no one
    /// now"), an emergency flagged urgent, MENU leaving the conversation, STOP closing it, FORGET deleting it. Sets the
    /// session's hint that a conversation may be open.
    /// </summary>
    public async Task<HandoffAnswer> AfterAsync(
        string senderNumber, string senderKey, HandoffTurn turn, InboundText text, TextResult result, string label, CancellationToken cancellationToken)
    {
        if (result.Event.Duplicate) return await RepeatAsync(senderNumber, senderKey, text, result, label, cancellationToken);
        switch (result.Event.Keyword)
        {
            case KeywordAction.Stop:
                await StoppedAsync(senderKey, cancellationToken);
                return new HandoffAnswer(result.WithSession(session => session with { Handoff = false }), label);
            case KeywordAction.Forget:
                await conversations.ForgetAsync(senderKey, cancellationToken);
                return new HandoffAnswer(result, label);
            case KeywordAction.Emergency when turn.Open is not null:
                await TexterWroteAsync(turn, text, urgent: true, cancellationToken, lineAnswered: result.Reply);
                return new HandoffAnswer(result, label);
        }
        if (turn.InChat && LeavesChat(text))
        {
            await conversations.CloseAsync(turn.Open!.Id, TexterReturnedToMenu, closingText: false, staffName: null, cancellationToken);
            var left = texts.In(result.Session?.Language).HandoffLeft + "\n" + result.Reply;
            return new HandoffAnswer(result.WithReply(left).WithSession(session => session with { Handoff = false }), label);
        }
        if (result.Event.NodeShown == Flow.TalkNode && result.Session is { } asked)
        {
            return await AskedAsync(senderNumber, senderKey, asked, text, result, cancellationToken);
        }
        if (turn.AwaitingMessage)
        {
            // She went on with the menu: the offer lapses.
            await OfferLapsesAsync(senderKey, cancellationToken);
            return new HandoffAnswer(result.WithSession(session => session with { Handoff = turn.Open is not null }), label);
        }
        return new HandoffAnswer(result, label);
    }

    /// <summary>She asked for a person: a conversation opens, or she is told honestly that no one can answer now.</summary>
    private async Task<HandoffAnswer> AskedAsync(
        string senderNumber, string senderKey, Session asked, InboundText text, TextResult result, CancellationToken cancellationToken)
    {
        var (reply, replyLabel, pending, onceSaved) = await opening.StartAsync(senderNumber, senderKey, asked, text, cancellationToken);
        // The reply shows no menu of its own: her next digit works the menu above the talk node.
        var above = engine.Flow.Language(asked.Language).Nodes[Flow.TalkNode].Parent ?? asked.Node;
        return new HandoffAnswer(result.WithReply(reply).WithSession(session => session with { Handoff = pending, Node = above }), replyLabel, onceSaved);
    }

    /// <summary>STOP: her open conversation closes (no closing text: she opted out), and no message is awaited.</summary>
    public async Task StoppedAsync(string senderKey, CancellationToken cancellationToken)
    {
        var texter = await conversations.TexterAsync(senderKey, cancellationToken);
        if (texter is null) return;
        if (texter.OpenId is { } id) await conversations.CloseAsync(id, TexterOptedOut, closingText: false, staffName: null, cancellationToken);
        await OfferLapsesAsync(senderKey, cancellationToken);
    }

    /// <summary>No message is awaited from her any more (the offer to take one lapses).</summary>
    private Task OfferLapsesAsync(string senderKey, CancellationToken cancellationToken) =>
        conversations.UpdateTexterAsync(senderKey, texter => texter is null ? null : texter with { AwaitingMessageUntil = null }, cancellationToken);

    private KeywordAction Keyword(InboundText text) => Match(text).Action;

    private KeywordMatch Match(InboundText text) => engine.Flow.Keywords.MatchWhole(InputText.Normalize(text.Body));
}
