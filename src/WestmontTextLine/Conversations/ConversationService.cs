using System.Diagnostics;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Logging;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;
using WestmontTextLine.Words;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Conversations;

/// <summary>
/// Runs one text through the line: hash the sender, take the sender's lock, load the session, run the engine,
/// store the result, answer. Any fault on the way still answers, with the safety fallback.
/// </summary>
public sealed class ConversationService(
    ConversationEngine line,
    ISessionStore store,
    SenderKeys senderKeys,
    SenderLocks senderLocks,
    ISharedSenderLocks sharedSenderLocks,
    SenderRateLimiter rateLimiter,
    UsageRecorder usage,
    ProviderDeletions providerDeletions,
    ForgottenRecipients forgottenRecipients,
    CheckInService checkIns,
    HandoffService handoff,
    ILogger<ConversationService> logger,
    ConversationBudget? budgetSetting = null,
    UnqueuedDeletions? unqueuedDeletions = null)
{
    /// <summary>How long storage may take before the texter gets the fallback: well inside Twilio's 15 s.</summary>
    public static readonly TimeSpan StorageBudget = TimeSpan.FromSeconds(3);

    // Another instance saving the same sender's session makes a save fail its version check; the text is run again
    // on the fresh session after a short random pause, so a burst split across instances still goes through.
    private const int SaveAttempts = 8;

    private readonly TimeSpan _storageBudget = budgetSetting?.Storage ?? StorageBudget;

    /// <param name="senderNumber">The texter's phone number: hashed here, and never kept or logged.</param>
    /// <param name="text">The text as the engine sees it.</param>
    public async Task<ConversationReply> HandleAsync(string senderNumber, InboundText text, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // By the real clock, whatever TimeProvider the line runs on: Redis compares it with its own clock.
        var giveUpAt = TimeProvider.System.GetUtcNow() + _storageBudget;
        var senderKey = "";
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_storageBudget);
        // Everything, the rate limit included, runs inside the fallback's protection: a texter gets the emergency
        // numbers rather than an error, whatever fails.
        try
        {
            senderKey = senderKeys.KeyOf(senderNumber);
            var decision = rateLimiter.Check(senderKey, urgent: line.MustBeAnswered(text.Body, text.CarrierOptOut));
            // Past even the urgent cap an opt-out is still recorded (a repeated one gets no reply): a dropped STOP would
            // let check-ins and staff replies reach a number that asked for no more texts.
            if (decision != RateDecision.Allowed && !line.IsOptOut(text.Body, text.CarrierOptOut))
            {
                var session = await store.LoadAsync(senderKey, budget.Token);
                if (!TalkingWithStaffUnderUrgentCap(senderKey, session))
                {
                    if (decision == RateDecision.LimitedFirst) ConversationLog.RateLimited(logger, new LoggedSid(text.MessageSid), LogTag.Of(senderKey));
                    await QueueInboundDeletionAsync(text.MessageSid, budget.Token);
                    return RepeatIfAnswered(session, text.MessageSid);
                }
            }
            using (await senderLocks.AcquireAsync(senderKey, budget.Token))
            // Across instances too: a Twilio retry of this text at another instance waits, then repeats this answer,
            // instead of alerting a contact or opening a conversation a second time before the version check.
            await using (await sharedSenderLocks.AcquireAsync(senderKey, budget.Token))
            {
                for (var attempt = 1; attempt <= SaveAttempts; attempt++)
                {
                    var session = await store.LoadAsync(senderKey, budget.Token);
                    var (result, label, onceSaved) = await AnswerAsync(senderNumber, senderKey, session, text, budget.Token);
                    // Queued beside the session change: on SQLite both go in the same commit, so the reply waits for nothing more.
                    var deletion = StartInboundDeletion(text.MessageSid, budget.Token);
                    var persisted = await PersistAsync(senderKey, session, result, giveUpAt, budget.Token);
                    await InboundDeletionQueuedAsync(deletion, text.MessageSid, budget.Token);
                    if (!persisted)
                    {
                        await Task.Delay(Random.Shared.Next(2, 10 * attempt), budget.Token);
                        continue;
                    }
                    // A conversation with staff opens only now: had her session not been saved, she would have been told
                    // the line has trouble while staff answered a chat her texts could not reach.
                    if (onceSaved is not null) await onceSaved(budget.Token);
                    usage.Record(result.Event, text.ReceivedAt);

                    if (logger.IsEnabled(LogLevel.Information))
                    {
                        ConversationLog.Answered(logger, new LoggedSid(text.MessageSid), LogTag.Of(senderKey),
                            result.Session?.Node ?? "(forgotten)", result.Event.Keyword, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    return new ConversationReply(result.Reply, Label: label);
                }
                ConversationLog.KeptConflicting(logger, new LoggedSid(text.MessageSid), LogTag.Of(senderKey));
                return Fallback(text.Body);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            ConversationLog.StorageFault(logger, new LoggedSid(text.MessageSid), senderKey.Length > 0 ? LogTag.Of(senderKey) : "-",
                ex.GetType().Name, FaultMessage.Of(ex));
            // Answered too, with the fallback: deleted at the provider like any text, once the store answers.
            unqueuedDeletions?.Add(text.MessageSid);
            return Fallback(text.Body);
        }
    }

    /// <summary>
    /// The engine's answer, or a feature's for the texts the engine leaves to it: a conversation with staff takes her
    /// texts while it is open (<see cref="HandoffService"/>), the check-in its commands.
    /// </summary>
    private async Task<HandoffAnswer> AnswerAsync(
        string senderNumber, string senderKey, Session? session, InboundText text, CancellationToken cancellationToken)
    {
        var answersFirst = line.AnswersFirst(session, text);
        var turn = await handoff.BeginAsync(senderKey, session, text, cancellationToken);
        session = turn.Session;
        if (!answersFirst && turn.InChat && !handoff.LeavesChat(text))
        {
            var (chat, chatLabel) = await InChatAsync(senderNumber, senderKey, turn, text, cancellationToken);
            return new HandoffAnswer(chat, chatLabel);
        }
        // Her safety words come before the offer to take a message: her code word sent as that text alerts her contact
        // (it was once kept for the team, with "we saved your message" on her screen), and CHECK sets its timer.
        var checkIn = answersFirst ? null : await checkIns.TryHandleAsync(senderNumber, senderKey, session, text, cancellationToken);
        if (checkIn is null && !answersFirst && handoff.TakesAsMessage(turn, text))
        {
            var (taken, takenLabel) = await handoff.TakeMessageAsync(senderNumber, senderKey, turn, text, cancellationToken);
            return new HandoffAnswer(line.Record(session, text, taken, KeywordAction.None), takenLabel);
        }

        TextResult result;
        string label;
        if (checkIn is not null)
        {
            (result, label) = (line.Record(session, text, checkIn.Text, checkIn.Keyword), checkIn.Label);
        }
        else
        {
            result = line.Handle(session, text);
            label = DeliveryMetrics.LabelOf(result.Event);
            if (result.Event.Welcomed && await checkIns.ContactReminderAsync(senderKey, text, cancellationToken) is { } reminder)
            {
                (result, label) = (result.WithReply(reminder.Text), reminder.Label);
            }
            // What STOP and FORGET end outside the menu: timers, safety contacts and the numbers kept for them.
            if (result.Event is { Duplicate: false, Keyword: KeywordAction.Stop }) await checkIns.StoppedAsync(senderKey, cancellationToken);
            if (result.Event is { Duplicate: false, Keyword: KeywordAction.Forget })
            {
                await checkIns.ForgottenAsync(senderKey, cancellationToken);
                await forgottenRecipients.ForgetAsync(senderKey, cancellationToken);
            }
            // A switch of language reaches the texts her check-in sends later, not only the menu.
            if (session is not null && result.Session is { } switched && switched.Language != session.Language)
                await checkIns.LanguageChangedAsync(senderKey, switched.Language, cancellationToken);
        }
        return await handoff.AfterAsync(senderNumber, senderKey, turn, text, result, label, cancellationToken);
    }

    /// <summary>
    /// A text while she is texting with staff goes to the inbox, with no reply, as in any chat. The check-in's commands
    /// (OK to end a timer, a code word) still work and answer, HELP still gets the help reply, and ESPANOL or ENGLISH
    /// switches her language (staff see it) with a one-line confirmation. A YES or NO is for
    /// staff, never an answer to a request to be someone's safety contact: a "no" to "do you need a ride?" took her off
    /// every plan that named her, for good. A YES while her check-in text waits for her OK still ends the check-in.
    /// </summary>
    private async Task<(TextResult Result, string Label)> InChatAsync(
        string senderNumber, string senderKey, HandoffTurn turn, InboundText text, CancellationToken cancellationToken)
    {
        if (handoff.AsksForHelp(text))
        {
            await handoff.TexterWroteAsync(turn, text, urgent: false, cancellationToken);
            var help = line.Handle(turn.Session, text);
            return (help, DeliveryMetrics.LabelOf(help.Event));
        }
        if (handoff.LanguageAsked(text) is { } language && turn.Session is { } session)
        {
            // ESPANOL in a chat once went to staff and switched nothing: the closing text and the menu after it stayed English.
            await handoff.TexterWroteAsync(turn, text, urgent: false, cancellationToken);
            await handoff.LanguageChangedAsync(turn, language, cancellationToken);
            await checkIns.LanguageChangedAsync(senderKey, language, cancellationToken);
            var switched = line.Record(session with { Language = language }, text, line.Flow.Language(language).Messages.LanguageSet, KeywordAction.Language);
            return (switched, DeliveryMetrics.LabelOf(switched.Event));
        }
        var checkIn = checkIns.IsContactAnswer(text)
            ? await checkIns.ContactWordInChatAsync(turn.Session, senderKey, text, cancellationToken)
            : await checkIns.TryHandleAsync(senderNumber, senderKey, turn.Session, text, cancellationToken);
        // "not ok" to her check-in text got the emergency reply: staff see her text flagged urgent, as for an emergency word.
        await handoff.TexterWroteAsync(turn, text, urgent: checkIn?.Keyword == KeywordAction.Emergency, cancellationToken);
        if (checkIn is not null)
        {
            if (checkIn.Label == CheckInCodeWord.CodeWordAckLabel) await handoff.CodeWordSentAsync(turn, text, cancellationToken);
            return (line.Record(turn.Session, text, checkIn.Text, checkIn.Keyword), checkIn.Label);
        }
        return (line.Record(turn.Session, text, null, KeywordAction.None), "handoff");
    }

    /// <summary>Every text the line received is deleted at the provider later; a failure here never fails the reply.</summary>
    private Task QueueInboundDeletionAsync(string? messageSid, CancellationToken cancellationToken) =>
        InboundDeletionQueuedAsync(StartInboundDeletion(messageSid, cancellationToken), messageSid, cancellationToken);

    // The store's own task, not an async method awaiting it: completed in the same commit as the session change, just
    // before it, it is already done when the reply gets to it, so it costs no extra turn on the thread pool.
    private Task StartInboundDeletion(string? messageSid, CancellationToken cancellationToken)
    {
        try
        {
            return providerDeletions.InboundAnsweredAsync(messageSid, cancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    private async Task InboundDeletionQueuedAsync(Task queued, string? messageSid, CancellationToken cancellationToken)
    {
        try
        {
            await queued;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (unqueuedDeletions?.Add(messageSid) != true) ConversationLog.DeletionNotQueued(logger, new LoggedSid(messageSid), ex.GetType().Name);
        }
    }

    /// <summary>
    /// A texter talking with staff writes in bursts, a line a text: her texts count against the urgent cap instead, so
    /// none of them goes missing from the conversation while a flood is still stopped.
    /// </summary>
    private bool TalkingWithStaffUnderUrgentCap(string senderKey, Session? session) =>
        session?.Handoff == true && rateLimiter.Check(senderKey, urgent: true) == RateDecision.Allowed;

    /// <summary>A limited sender's Twilio retry of a text already answered still gets that answer; anything else, none.</summary>
    private static ConversationReply RepeatIfAnswered(Session? session, string? messageSid) =>
        messageSid is null
            ? new ConversationReply(null)
            : new ConversationReply(session?.LastMessageSid == messageSid ? session.LastReply : null, Label: "repeat");

    private async Task<bool> PersistAsync(string senderKey, Session? loaded, TextResult result, DateTimeOffset giveUpAt, CancellationToken cancellationToken)
    {
        if (result.Session is null)
        {
            await store.DeleteAsync(senderKey, cancellationToken);
            return true;
        }
        if (ReferenceEquals(result.Session, loaded)) return true;
        return await store.SaveAsync(senderKey, result.Session, giveUpAt, cancellationToken);
    }

    /// <summary>The emergency numbers and "text again later", in the language of the text's own words when known.</summary>
    public ConversationReply Fallback(string body)
    {
        string? language = null;
        try
        {
            language = line.Flow.Keywords.LanguageOfWords(InputText.Normalize(body));
        }
        catch (Exception)
        {
            // Even out of memory, the texter gets the numbers: in the default language.
        }
        return new ConversationReply(line.Flow.Language(language).Messages.Fallback, Degraded: true, Label: "fallback");
    }
}
