using System.Diagnostics;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Outbound;
using WestmontTextLine.Logging;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;
using WestmontTextLine.Words;
using WestmontTextLine.Senders;
using WestmontTextLine.Spool;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Conversations;

/// <summary>
/// Runs one text through the line: hash the sender, take the sender's lock, load the session, have it answered
/// (<see cref="ConversationAnswers"/>), store the result, answer. Any fault on the way still answers, with the safety
/// fallback.
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
    ConversationAnswers answers,
    ILogger<ConversationService> logger,
    FallbackEpisode fallbackEpisode,
    ConversationBudget? budgetSetting = null,
    UnqueuedDeletions? unqueuedDeletions = null,
    FaultReplies? faultReplies = null,
    OptOutSpoolWriter? spooledOptOuts = null,
    OptOutsWhileFileGone? optOutsWhileFileGone = null,
    StoreFaultJustSeen? storeFaultJustSeen = null)
{
    /// <summary>How long storage may take before the texter gets the fallback: well inside Twilio's 15 s.</summary>
    public static readonly TimeSpan StorageBudget = TimeSpan.FromSeconds(3);

    // Another instance saving the same sender's session makes a save fail its version check; the text is run again
    // on the fresh session after a short random pause, so a burst split across instances still goes through.
    private const int SaveAttempts = 8;

    /// <param name="senderNumber">The texter's phone number: hashed here, and never kept or logged.</param>
    /// <param name="text">The text as the engine sees it.</param>
    public async Task<ConversationReply> HandleAsync(string senderNumber, InboundText text, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var storageBudget = budgetSetting?.Storage ?? StorageBudget;
        // By the real clock, whatever TimeProvider the line runs on: Redis compares it with its own clock.
        var giveUpAt = TimeProvider.System.GetUtcNow() + storageBudget;
        var senderKey = "";
        // Her session as last read said she opted out: a fault after that read must not text a number that said STOP.
        var optedOutWhenRead = false;
        // What each run of the text changed outside her session, undone if none of them is saved with its reply.
        List<Action>? undoUnlessSaved = null;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(storageBudget);
        // Everything, the rate limit included, runs inside the fallback's protection: a texter gets the emergency
        // numbers rather than an error, whatever fails.
        try
        {
            senderKey = senderKeys.KeyOf(senderNumber);
            // Read once: the rate limit's question and the answer's share its emergency and distress checks.
            var reading = line.Read(text);
            var decision = rateLimiter.Check(senderKey, urgent: line.MustBeAnswered(reading));
            // Past even the urgent cap an opt-out is still recorded (a repeated one gets no reply): a dropped STOP would
            // let check-ins and staff replies reach a number that asked for no more texts.
            if (decision != RateDecision.Allowed && !line.IsOptOut(text.Body, text.CarrierOptOut))
            {
                // Null when the store does not answer: then silence too, as over the limit with it answering. The fallback
                // answered every text of a flood, or of an auto-responder texting back, for as long as the store failed.
                var read = storeFaultJustSeen?.Now == true ? null : await LimitedSessionAsync(senderKey, budget.Token, cancellationToken);
                var session = read?.Session;
                optedOutWhenRead = session?.OptedOut == true;
                if (read is null || (!TalkingWithStaffUnderUrgentCap(senderKey, session) && !RetryOfLastAnswered(session, text.MessageSid)))
                {
                    if (decision == RateDecision.LimitedFirst) ConversationLog.RateLimited(logger, new LoggedSid(text.MessageSid), LogTag.Of(senderKey));
                    if (read is null) unqueuedDeletions?.Add(text.MessageSid);
                    else await QueueInboundDeletionAsync(text.MessageSid, budget.Token);
                    return RepeatIfAnswered(session, text.MessageSid);
                }
            }
            using (await senderLocks.AcquireAsync(senderKey, budget.Token))
            {
                // Across instances too: a Twilio retry of this text at another instance waits, then repeats this answer,
                // instead of alerting a contact or opening a conversation a second time before the version check. Her
                // session is read with it (on Redis in the same round trip).
                var (sharedLock, lockedSession) = await sharedSenderLocks.AcquireAndLoadAsync(senderKey, store, budget.Token);
                await using (sharedLock)
                {
                    // An opt-out of hers the store refused earlier is written first: her text is answered as after it, so
                    // her session is read again.
                    var readWithTheLock = true;
                    if (spooledOptOuts is not null && spooledOptOuts.Spool.Holds(senderKey))
                    {
                        await spooledOptOuts.WriteHeldAsync(senderKey, budget.Token);
                        readWithTheLock = false;
                    }
                    for (var attempt = 1; attempt <= SaveAttempts; attempt++)
                    {
                        var session = attempt == 1 && readWithTheLock ? lockedSession : await store.LoadAsync(senderKey, budget.Token);
                        optedOutWhenRead = session?.OptedOut == true;
                        var (result, label, onceSaved, ifNeverSaved) = await answers.AnswerAsync(senderNumber, senderKey, session, reading, budget.Token);
                        if (ifNeverSaved is not null) (undoUnlessSaved ??= []).Add(ifNeverSaved);
                        // Queued beside the session change: on SQLite both go in the same commit, so the reply waits for nothing more.
                        var deletion = StartInboundDeletion(text.MessageSid, budget.Token);
                        var persisted = await PersistAsync(senderKey, session, result, giveUpAt, budget.Token);
                        await InboundDeletionQueuedAsync(deletion, text.MessageSid, budget.Token);
                        if (!persisted)
                        {
                            await Task.Delay(Random.Shared.Next(2, 10 * attempt), budget.Token);
                            continue;
                        }
                        undoUnlessSaved = null;
                        optOutsWhileFileGone?.Saved(store, senderKey, session, result.Session, text);
                        // A conversation with staff opens only now: had her session not been saved, she would have been told
                        // the line has trouble while staff answered a chat her texts could not reach.
                        if (onceSaved is not null) await onceSaved(budget.Token);
                        usage.Record(result.Event, text.ReceivedAt);
                        storeFaultJustSeen?.Answered();
                        if (fallbackEpisode.Ended() is { } ended)
                        {
                            ConversationLog.FallbackEnded(logger, ended.Failed, ReadableDuration.Of(ended.Lasted));
                        }

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
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Answered too, with the fallback or not: deleted at the provider like any text, once the store answers.
            unqueuedDeletions?.Add(text.MessageSid);
            // An opt-out is kept on disk and confirmed; a texter known to have opted out (her session, or an opt-out of
            // hers kept on disk or in memory) gets no reply, as with a working store.
            var reply = faultReplies?.For(senderKey, text, optedOutWhenRead) ?? Fallback(text.Body);
            LogFault(ex, senderKey, text, reply);
            return reply;
        }
        finally
        {
            foreach (var undo in undoUnlessSaved ?? []) undo();
        }
    }

    /// <summary>
    /// The text's fault, with what she was sent; a run of fallbacks is told once (<see cref="FallbackEpisode"/>), and a
    /// text that got no fallback (silence for an opted-out texter, STOP's confirmation) is not one of them.
    /// </summary>
    private void LogFault(Exception ex, string senderKey, InboundText text, ConversationReply reply)
    {
        var fault = ex.GetType().Name;
        var faultMessage = FaultMessage.Of(ex);
        ConversationLog.StorageFault(logger, new LoggedSid(text.MessageSid), senderKey.Length > 0 ? LogTag.Of(senderKey) : "-", fault, faultMessage,
            WhatWasSent(reply));
        if (!reply.IsFallback) return;
        if (DiskFull.Is(ex))
        {
            if (fallbackEpisode.Failed(FallbackEpisode.DiskFull)) ConversationLog.FallbackBeganDiskFull(logger, fault, faultMessage);
        }
        else if (fallbackEpisode.Failed(fault)) ConversationLog.FallbackBegan(logger, fault, faultMessage);
    }

    private static string WhatWasSent(ConversationReply reply) => reply switch
    {
        { IsFallback: true } => "gave the fallback",
        { Text: null } => "sent nothing: she opted out",
        _ => "confirmed her opt-out, kept on disk",
    };

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

    private readonly record struct ReadSession(Session? Session);

    /// <summary>A limited sender's session as read, or null when the store did not answer.</summary>
    private async Task<ReadSession?> LimitedSessionAsync(string senderKey, CancellationToken budget, CancellationToken request)
    {
        try
        {
            var read = new ReadSession(await store.LoadAsync(senderKey, budget));
            storeFaultJustSeen?.Answered();
            return read;
        }
        catch (Exception) when (!request.IsCancellationRequested)
        {
            storeFaultJustSeen?.Failed();
            return null;
        }
    }

    /// <summary>
    /// A texter talking with staff writes in bursts, a line a text: her texts count against the urgent cap instead, so
    /// none of them goes missing from the conversation while a flood is still stopped.
    /// </summary>
    private bool TalkingWithStaffUnderUrgentCap(string senderKey, Session? session) =>
        session?.Handoff == true && rateLimiter.Check(senderKey, urgent: true) == RateDecision.Allowed;

    /// <summary>
    /// Twilio's retry of her last text goes the whole way whatever the rate limit says, as a retry does: it repeats the
    /// saved answer and finishes what its first run left undone after the save (an OK's timer: the repeat alone said
    /// "The check-in is off" while the timer ran on to text her and alert her contact). It adds one text, not a flood.
    /// </summary>
    private static bool RetryOfLastAnswered(Session? session, string? messageSid) =>
        messageSid is not null && session?.LastMessageSid == messageSid;

    /// <summary>A limited sender's Twilio retry of a text already answered still gets that answer; anything else, none.</summary>
    private static ConversationReply RepeatIfAnswered(Session? session, string? messageSid) =>
        messageSid is null
            ? new ConversationReply(null)
            : new ConversationReply(session?.LastMessageSid == messageSid ? session.LastReply : null, Label: "repeat");

    // The store's own task for a save, not an async method awaiting it: a save waits on the writer's commit, so a
    // state machine here would suspend on every text, the first one's JIT compiling its machinery (about a dozen methods).
    private Task<bool> PersistAsync(string senderKey, Session? loaded, TextResult result, DateTimeOffset giveUpAt, CancellationToken cancellationToken)
    {
        if (result.Session is null) return DeletedAsync(senderKey, cancellationToken);
        if (ReferenceEquals(result.Session, loaded)) return Task.FromResult(true);
        return store.SaveAsync(senderKey, result.Session, giveUpAt, cancellationToken);
    }

    private async Task<bool> DeletedAsync(string senderKey, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(senderKey, cancellationToken);
        return true;
    }

    /// <summary>The emergency numbers and "text again later", in the language of the text's own words when known.</summary>
    public ConversationReply Fallback(string body) => ConversationReply.Fallback(line.FallbackFor(body));
}
