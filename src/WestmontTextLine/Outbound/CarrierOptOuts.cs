using WestmontTextLine.Flows;
using WestmontTextLine.Senders;
using WestmontTextLine.Sessions;
using WestmontTextLine.Spool;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Twilio refuses a text with 21610 when the number replied STOP to the line's number (or its Messaging Service) and
/// never opted back in: an opt-out the line itself may not have heard (sent while the webhook was failing, or to
/// another number of the service). The line records it as its own: the number's session is marked opted out (a new
/// one, holding only the flag, if the number never texted), so nothing more is sent to it and her texts get no reply
/// until she texts START, as Twilio itself requires. What her own STOP ends ends too (<see cref="ICarrierOptOutListener"/>:
/// her check-in, her staff conversation). A version conflict (she is texting right now) reloads and tries again;
/// whatever fails is kept on disk (<see cref="OptOutSpool"/>) and written once the store answers: the text is given up
/// either way.
/// </summary>
public sealed class CarrierOptOuts(
    ISessionStore sessions, SenderKeys senderKeys, Flow flow, IEnumerable<ICarrierOptOutListener> listeners, OptOutSpool spool, TimeProvider time,
    ILogger<CarrierOptOuts> logger)
{
    private const int Attempts = 4;

    public async Task RecordAsync(string number, CancellationToken cancellationToken)
    {
        var key = senderKeys.KeyOf(number);
        if (!await RecordOptOutAsync(key, cancellationToken)) return;
        foreach (var listener in listeners)
        {
            try
            {
                await listener.OptedOutAtCarrierAsync(key, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Opt-out at the carrier (21610) for {Sender}: {Listener} failed: {Fault}", WestmontTextLine.Logging.LogTag.Of(key),
                    listener.GetType().Name, ex.GetType().Name);
                KeepKey(key);
            }
        }
    }

    /// <summary>
    /// Kept on disk until the store answers, then written as any opt-out the store refused (<see cref="OptOutSpoolWriter"/>):
    /// for a 21610 that came while the store did not answer, before it could be recorded here.
    /// </summary>
    public void Keep(string number) => KeepKey(senderKeys.KeyOf(number));

    /// <param name="fileGone">Recorded in a database file that is gone: kept on disk for the store the line opens at its next start.</param>
    private void KeepKey(string key, bool fileGone = false)
    {
        if (spool.Holds(key)) return;
        var kept = spool.Keep(new SpooledOptOut(key, time.GetUtcNow(), null, null, OptOutSource.RefusedWith21610), out var refused);
        logger.Log(kept == OptOutKept.OnDisk ? LogLevel.Warning : LogLevel.Error, "Opt-out at the carrier (21610) for {Sender} {Kept}",
            WestmontTextLine.Logging.LogTag.Of(key), kept switch
            {
                // The store answers (from the file it has open): only the next start's store can keep it.
                OptOutKept.OnDisk when fileGone => "recorded in a database file that is gone: kept on disk until the line starts again, for the store it opens then",
                OptOutKept.OnDisk => "kept on disk until the store answers",
                OptOutKept.InMemoryOnly => $"not kept on disk: {refused}; {refused!.HeldInMemory}, and nothing is sent to that number meanwhile",
                _ => $"not kept: {refused}, and {OptOutSpool.HeldInMemoryCapacity} opt-outs wait in memory already",
            });
    }

    /// <summary>Marks the session opted out; false when it already was (her own STOP ended everything then).</summary>
    private async Task<bool> RecordOptOutAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var session = await sessions.LoadAsync(key, cancellationToken);
                if (session?.OptedOut == true) return false;
                var optedOut = session is null
                    ? new Session(flow.Default.Start, Flow.DefaultLanguage, time.GetUtcNow(), OptedOut: true)
                    : session with { OptedOut = true, Choices = null, Handoff = false };
                if (await sessions.SaveAsync(key, optedOut, cancellationToken: cancellationToken))
                {
                    logger.LogInformation("Opt-out at the carrier (21610) recorded for {Sender}", WestmontTextLine.Logging.LogTag.Of(key));
                    // Saved in a database file that is gone: kept on disk too, for the store the line opens next.
                    if (sessions.SavesAreLost) KeepKey(key, fileGone: true);
                    return true;
                }
            }
            logger.LogWarning("Opt-out at the carrier (21610) for {Sender} not recorded: the session kept changing", WestmontTextLine.Logging.LogTag.Of(key));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Opt-out at the carrier (21610) for {Sender} not recorded: {Fault}", WestmontTextLine.Logging.LogTag.Of(key), ex.GetType().Name);
            KeepKey(key);
        }
        // Twilio holds the opt-out whether or not the line could note it: what it ends still ends.
        return true;
    }
}
