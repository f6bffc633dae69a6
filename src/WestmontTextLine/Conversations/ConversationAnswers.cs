using WestmontTextLine.CheckIns;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Conversations;

/// <summary>
/// Which part of the line answers a text, once its session is loaded: the engine (the menu, keywords, emergencies),
/// the check-in, or her conversation with staff, and what STOP, FORGET and a change of language end or move in each.
/// </summary>
public sealed class ConversationAnswers(
    ConversationEngine line,
    ForgottenRecipients forgottenRecipients,
    CheckInService checkIns,
    HandoffService handoff)
{
    /// <summary>
    /// The engine's answer, or a feature's for the texts the engine leaves to it: a conversation with staff takes her
    /// texts while it is open (<see cref="HandoffService"/>), the check-in its commands.
    /// </summary>
    public async Task<ConversationAnswer> AnswerAsync(
        string senderNumber, string senderKey, Session? session, TextReading reading, CancellationToken cancellationToken)
    {
        var text = reading.Text;
        var answersFirst = line.AnswersFirst(session, reading);
        var turn = await handoff.BeginAsync(senderKey, session, text, cancellationToken);
        session = turn.Session;
        if (!answersFirst && turn.InChat && !handoff.LeavesChat(text))
        {
            return await InChatAsync(senderNumber, senderKey, turn, text, cancellationToken);
        }
        // Her safety words come before the offer to take a message: her code word sent as that text alerts her contact
        // (it was once kept for the team, with "we saved your message" on her screen), and CHECK sets its timer.
        var checkIn = answersFirst ? null : await checkIns.TryHandleAsync(senderNumber, senderKey, session, text, cancellationToken);
        if (checkIn is null && !answersFirst && handoff.TakesAsMessage(turn, text))
        {
            var (taken, takenLabel) = await handoff.TakeMessageAsync(senderNumber, senderKey, turn, text, cancellationToken);
            return new ConversationAnswer(line.Record(session, text, taken, KeywordAction.None), takenLabel);
        }

        TextResult result;
        string label;
        Func<CancellationToken, Task>? stopped = null;
        Func<CancellationToken, Task>? retried = null;
        if (checkIn is not null)
        {
            (result, label) = (line.Record(session, text, checkIn.Text, checkIn.Keyword), checkIn.Label);
        }
        else
        {
            result = line.Handle(session, reading);
            label = DeliveryMetrics.LabelOf(result.Event);
            // A Twilio retry of her text gets its answer again, and what its first run left undone (an OK's timer) is done.
            if (result.Event.Duplicate) retried = await checkIns.RetriedAsync(senderKey, session, result.Reply, cancellationToken);
            // Her check-in text waiting for her OK, or a request to be a safety contact: "thanks", a text the line did not
            // understand, or one it would welcome (her session lapsed while the timer ran) hears of it.
            if (result.Event is { Welcomed: true } or { NotUnderstood: true } or { Courtesy: true }
                && await checkIns.ReminderAsync(senderKey, text, result.Session?.Language ?? Flow.DefaultLanguage, result.Event.Welcomed, cancellationToken) is { } reminder)
            {
                (result, label) = (result.WithReply(reminder.Text), reminder.Label);
            }
            // Her first text of a new conversation (never her code word, which the check-in answered above) is when she
            // hears of a safety contact lost since; a number the line never knew (no session) has nothing to hear.
            if (session is not null && result.Event is { Welcomed: true, Duplicate: false })
                await checkIns.WelcomedAsync(senderNumber, senderKey, cancellationToken);
            // What STOP and FORGET end outside the menu: timers, safety contacts and the numbers kept for them.
            if (result.Event is { Duplicate: false, Keyword: KeywordAction.Stop }) stopped = await checkIns.StoppedAsync(senderKey, text.MessageSid, cancellationToken);
            if (result.Event is { Duplicate: false, Keyword: KeywordAction.Forget })
            {
                await checkIns.ForgottenAsync(senderKey, cancellationToken);
                await forgottenRecipients.ForgetAsync(senderKey, cancellationToken);
            }
            // A switch of language reaches the texts her check-in sends later, not only the menu.
            if (session is not null && result.Session is { } switched && switched.Language != session.Language)
                await checkIns.LanguageChangedAsync(senderKey, switched.Language, cancellationToken);
        }
        var (after, afterLabel, opening) = await handoff.AfterAsync(senderNumber, senderKey, turn, text, result, label, cancellationToken);
        return new ConversationAnswer(after, afterLabel, opening, checkIn?.IfNeverSaved).ThenOnceSaved(checkIn?.OnceSaved).ThenOnceSaved(stopped).ThenOnceSaved(retried);
    }

    /// <summary>
    /// A text while she is texting with staff goes to the inbox, with no reply, as in any chat. The check-in's commands
    /// (OK to end a timer, a code word) still work and answer, HELP still gets the help reply, and ESPANOL or ENGLISH
    /// switches her language (staff see it) with a one-line confirmation. A YES or NO is for
    /// staff, never an answer to a request to be someone's safety contact: a "no" to "do you need a ride?" took her off
    /// every plan that named her, for good. A YES while her check-in text waits for her OK still ends the check-in.
    /// </summary>
    private async Task<ConversationAnswer> InChatAsync(
        string senderNumber, string senderKey, HandoffTurn turn, InboundText text, CancellationToken cancellationToken)
    {
        if (handoff.AsksForHelp(text))
        {
            var help = line.Handle(turn.Session, text);
            await handoff.TexterWroteAsync(turn, text, urgent: false, cancellationToken, lineAnswered: help.Reply);
            return new ConversationAnswer(help, DeliveryMetrics.LabelOf(help.Event));
        }
        if (handoff.LanguageAsked(text) is { } language && turn.Session is { } session)
        {
            // ESPANOL in a chat once went to staff and switched nothing: the closing text and the menu after it stayed English.
            await handoff.TexterWroteAsync(turn, text, urgent: false, cancellationToken);
            await handoff.LanguageChangedAsync(turn, language, cancellationToken);
            await checkIns.LanguageChangedAsync(senderKey, language, cancellationToken);
            var switched = line.Record(session with { Language = language }, text, line.Flow.Language(language).Messages.LanguageSet, KeywordAction.Language);
            return new ConversationAnswer(switched, DeliveryMetrics.LabelOf(switched.Event));
        }
        var checkIn = checkIns.IsContactAnswer(text)
            ? await checkIns.ContactWordInChatAsync(turn.Session, senderKey, text, cancellationToken)
            : await checkIns.TryHandleAsync(senderNumber, senderKey, turn.Session, text, cancellationToken);
        // "not ok" to her check-in text got the emergency reply: staff see her text flagged urgent, as for an emergency word,
        // and what the line answered her (not her code word's "Got it, thanks.": its own note says so, and why).
        var answered = checkIn is null || checkIn.Label == CheckInCodeWord.CodeWordAckLabel ? null : checkIn.Text;
        try
        {
            await handoff.TexterWroteAsync(turn, text, urgent: checkIn?.Keyword == KeywordAction.Emergency, cancellationToken, answered);
        }
        catch (Exception)
        {
            // The text gets the fallback: what the check-in changed is undone as for a session never saved.
            checkIn?.IfNeverSaved?.Invoke();
            throw;
        }
        if (checkIn is not null)
        {
            if (checkIn.Label == CheckInCodeWord.CodeWordAckLabel) await handoff.CodeWordSentAsync(turn, text, cancellationToken);
            return new ConversationAnswer(line.Record(turn.Session, text, checkIn.Text, checkIn.Keyword), checkIn.Label, checkIn.OnceSaved,
                checkIn.IfNeverSaved);
        }
        return new ConversationAnswer(line.Record(turn.Session, text, null, KeywordAction.None), "handoff");
    }
}
