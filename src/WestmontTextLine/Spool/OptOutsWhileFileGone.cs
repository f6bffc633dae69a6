using WestmontTextLine.Engine;
using WestmontTextLine.Logging;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Spool;

/// <summary>
/// While the store's file is gone (<see cref="ISessionStore.SavesAreLost"/>: deleted or replaced under the line, which
/// goes on answering from the file it has open), an opt-out the store took is kept on disk too (<see cref="OptOutSpool"/>),
/// so that the store the line opens at its next start (a new file, or a copy put back) gets it: the file it was saved in
/// is lost then. An opt-in of hers saved meanwhile lets go of her older ones, as it would have undone them in the store.
/// </summary>
public sealed partial class OptOutsWhileFileGone(OptOutSpool spool, ConversationEngine line, ILogger<OptOutsWhileFileGone> logger)
{
    /// <summary>After her text's answer was saved in <paramref name="store"/>: <paramref name="before"/> is what it was saved over.</summary>
    public void Saved(ISessionStore store, string senderKey, Session? before, Session? saved, InboundText text)
    {
        if (saved is { OptedOut: true } && before?.OptedOut != true)
        {
            if (spool.Holds(senderKey) || !store.SavesAreLost) return;
            var source = line.IsOptOutAtCarrier(text.CarrierOptOut) ? OptOutSource.StopAtCarrier : OptOutSource.Stop;
            Keep(new SpooledOptOut(senderKey, text.ReceivedAt, text.MessageSid, saved.Language, source));
        }
        else if (saved is { OptedOut: false } && spool.Holds(senderKey) && store.SavesAreLost)
        {
            LetGoOptedInAfter(senderKey, saved);
        }
    }

    // A method of its own: the lambda in Saved, capturing its parameters, made its closure for every text saved.
    private void LetGoOptedInAfter(string senderKey, Session saved)
    {
        foreach (var undone in spool.Waiting.Where(optOut => optOut.SenderKey == senderKey && saved.OptedInAfter(optOut.At))) LetGo(undone);
    }

    /// <summary>An opt-out the store took while its file is gone (a 21610 recorded, as for her STOP).</summary>
    public void Keep(SpooledOptOut optOut)
    {
        switch (spool.Keep(optOut, out var refused))
        {
            case OptOutKept.OnDisk:
                Kept(logger, LogTag.Of(optOut.SenderKey));
                break;
            case OptOutKept.InMemoryOnly:
                HeldInMemory(logger, LogTag.Of(optOut.SenderKey), refused!, refused!.HeldInMemory);
                break;
            default:
                NotKept(logger, LogTag.Of(optOut.SenderKey), refused!);
                break;
        }
    }

    private void LetGo(SpooledOptOut undone)
    {
        try
        {
            spool.Written(undone);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left in the file: written at the next start, it opts her out again, as her STOP did before her START.
            logger.LogWarning("Opt-out spool file not rewritten: {Fault}", ex.GetType().Name);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Opt-out from {Sender} saved in a database file that is gone: kept on disk too, for the store the line opens next")]
    private static partial void Kept(ILogger logger, string sender);

    [LoggerMessage(2, LogLevel.Error, "Opt-out from {Sender} saved in a database file that is gone, and not kept on disk: {Refused}. It is lost at the next start")]
    private static partial void NotKept(ILogger logger, string sender, SpoolRefusal refused);

    [LoggerMessage(3, LogLevel.Error, "Opt-out from {Sender} saved in a database file that is gone, and not kept on disk: {Refused}; {HeldInMemory}, for the store the line opens next")]
    private static partial void HeldInMemory(ILogger logger, string sender, SpoolRefusal refused, string heldInMemory);
}
