using System.Collections.Concurrent;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Handoff;
using WestmontTextLine.Logging;
using WestmontTextLine.Senders;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Spool;

/// <summary>
/// Writes the opt-outs the store refused (<see cref="OptOutSpool"/>) to the store once it answers, oldest first: her
/// session first (opted out, so no instance sends to her from then on), then what her STOP ends (her check-in timer and
/// safety plan; as someone's contact, a no for good; her open chat with staff), then the spool lets it go. Her STOP is
/// counted in the usage counts by the save that opted her out, once. Her text waits
/// for hers (<see cref="WriteHeldAsync"/>), and so does the outbox and the check-in worker (they skip a number it holds);
/// <see cref="OptOutSpoolWorker"/> writes the rest every second.
/// <para>
/// While the store's file is gone (<see cref="ISessionStore.SavesAreLost"/>), an opt-out is written there (this process
/// honours it) but stays on disk, written once, for the store the line opens at its next start.
/// </para>
/// <para>
/// Only her own opt-in after the opt-out's time undoes it (<see cref="Session.OptedInAfter"/>: a START word, or the
/// carrier's OptOutType=START, answered by another instance before this one could write it). Any other text another
/// instance answered meanwhile (it did not know of her STOP) does not: she is opted out all the same.
/// </para>
/// </summary>
public sealed class OptOutSpoolWriter(
    OptOutSpool spool, ISessionStore sessions, Flow flow, CheckInService checkIns, HandoffService handoff, TexterTurns turns,
    ConversationEngine line, UsageRecorder usage, ILogger<OptOutSpoolWriter> logger)
{
    private const int SaveAttempts = 8;

    // Written to a store whose file is gone: kept on disk, and not written there again.
    private readonly ConcurrentDictionary<SpooledOptOut, bool> _writtenToLostFile = new();

    public OptOutSpool Spool => spool;

    /// <summary>Writes every opt-out waiting, each under her lock; the first the store refuses stops it (the rest wait).</summary>
    public Task WriteThroughAsync(CancellationToken cancellationToken) => WriteEachAsync(spool.Waiting, cancellationToken);

    /// <summary>Writes those held in memory only (the disk refused them), as <see cref="WriteThroughAsync"/> does: at a stop, their last chance.</summary>
    public Task WriteHeldInMemoryAsync(CancellationToken cancellationToken) => WriteEachAsync(spool.HeldInMemoryOnly, cancellationToken);

    private async Task WriteEachAsync(IReadOnlyList<SpooledOptOut> optOuts, CancellationToken cancellationToken)
    {
        foreach (var optOut in optOuts.Where(NotYetWritten))
        {
            await using (await turns.TakeAsync(optOut.SenderKey, cancellationToken))
            {
                if (spool.Waiting.Contains(optOut)) await WriteAsync(optOut, cancellationToken);
            }
        }
    }

    /// <summary>Those held in memory only (the disk refused them) go to the spool file, once it takes them: a restart then keeps them.</summary>
    public void KeepHeldOnDisk()
    {
        if (spool.HeldInMemory == 0) return;
        foreach (var optOut in spool.KeepHeldOnDisk())
        {
            logger.LogWarning("Opt-out from {Sender} held in memory only is now kept on disk: the disk takes writes again", LogTag.Of(optOut.SenderKey));
        }
    }

    /// <summary>Writes her opt-outs waiting, under her lock, before anything is sent to her number.</summary>
    public async Task WriteTheirsAsync(string senderKey, CancellationToken cancellationToken)
    {
        if (!spool.Holds(senderKey)) return;
        await using (await turns.TakeAsync(senderKey, cancellationToken)) await WriteHeldAsync(senderKey, cancellationToken);
    }

    /// <summary>Writes her opt-outs waiting, before her text is answered or her timer fires; the caller holds her lock.</summary>
    public async Task WriteHeldAsync(string senderKey, CancellationToken cancellationToken)
    {
        if (!spool.Holds(senderKey)) return;
        foreach (var optOut in spool.Waiting.Where(optOut => optOut.SenderKey == senderKey && NotYetWritten(optOut))) await WriteAsync(optOut, cancellationToken);
    }

    private async Task WriteAsync(SpooledOptOut optOut, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= SaveAttempts; attempt++)
        {
            var session = await sessions.LoadAsync(optOut.SenderKey, cancellationToken);
            var optedOutNow = false;
            if (session is { OptedOut: false } && session.OptedInAfter(optOut.At))
            {
                logger.LogInformation("Opt-out kept on disk for {Sender} not written: she opted in again after it", LogTag.Of(optOut.SenderKey));
                Written(optOut);
                return;
            }
            if (session?.OptedOut != true)
            {
                if (!await sessions.SaveAsync(optOut.SenderKey, OptedOut(session, optOut), cancellationToken: cancellationToken)) continue;
                // Only the save that opted her out counts it: written again after a crash, it finds her opted out already.
                Count(session, optOut);
                optedOutNow = true;
            }
            // Held in memory only, she is no longer lost if the process stops before the rest below is written.
            if (!sessions.SavesAreLost) spool.InStore(optOut);
            await EndWhatStopEndsAsync(optOut, optedOutNow, cancellationToken);
            if (sessions.SavesAreLost)
            {
                logger.LogWarning("Opt-out kept on disk for {Sender} written to a database file that is gone: kept on disk for the next start",
                    LogTag.Of(optOut.SenderKey));
                _writtenToLostFile.TryAdd(optOut, true);
                return;
            }
            logger.LogInformation("Opt-out kept on disk for {Sender} written to the store", LogTag.Of(optOut.SenderKey));
            Written(optOut);
            return;
        }
        throw new InvalidOperationException("her session kept changing while her opt-out was written");
    }

    /// <summary>Her STOP in the usage counts, as the line counts one it answered with the store: on the day she sent it.</summary>
    private void Count(Session? before, SpooledOptOut optOut)
    {
        // A 21610 is the line's own text refused, not a text of hers.
        if (optOut.Source == OptOutSource.RefusedWith21610) return;
        usage.Record(new TextEvent(null, KeywordAction.Stop, line.StartsConversation(before, optOut.At)), optOut.At);
    }

    /// <param name="optedOutNow">
    /// This write-through's save opted her out. As someone's contact, the plans her STOP left are counted as declines by
    /// it, or by the write-through that finishes her leaving them (an earlier one failed part way); not by one that finds
    /// it finished and her opted out (written again after a crash: the one before counted it).
    /// </param>
    private async Task EndWhatStopEndsAsync(SpooledOptOut optOut, bool optedOutNow, CancellationToken cancellationToken)
    {
        if (optOut.Source == OptOutSource.RefusedWith21610)
        {
            await checkIns.TexterStoppedAsync(optOut.SenderKey, cancellationToken);
        }
        else if (await checkIns.StoppedAsync(optOut.SenderKey, optOut.MessageSid, cancellationToken, countsIfFinishedEarlier: optedOutNow) is { } counted)
        {
            await counted(cancellationToken);
        }
        await handoff.StoppedAsync(optOut.SenderKey, cancellationToken);
    }

    /// <summary>Her session as her STOP would have saved it: opted out, the text answered with what she was sent.</summary>
    private Session OptedOut(Session? session, SpooledOptOut optOut)
    {
        var reply = optOut.Source == OptOutSource.Stop ? flow.Language(optOut.Language).Messages.StopConfirm : null;
        if (session is null)
        {
            return new Session(flow.Default.Start, optOut.Language ?? Flow.DefaultLanguage, optOut.At, OptedOut: true,
                LastMessageSid: optOut.MessageSid, LastReply: reply);
        }
        var opted = session with { OptedOut = true, Choices = null, Handoff = false };
        if (session.LastActivity < optOut.At) opted = opted with { LastActivity = optOut.At };
        if (optOut.MessageSid is null || session.HasAnswered(optOut.MessageSid)) return opted;
        return opted with { LastMessageSid = optOut.MessageSid, EarlierMessageSids = session.EarlierMessageSidsAfterNewText(), LastReply = reply };
    }

    private bool NotYetWritten(SpooledOptOut optOut) => _writtenToLostFile.IsEmpty || !_writtenToLostFile.ContainsKey(optOut);

    private void Written(SpooledOptOut optOut)
    {
        try
        {
            spool.Written(optOut);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Written to the store: should the process stop before the file is rewritten, it is written again, to the same effect.
            logger.LogWarning("Opt-out spool file not rewritten: {Fault}", ex.GetType().Name);
        }
    }
}
