using WestmontTextLine.Logging;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Tells every feature what became of an outbound text (<see cref="IOutboundOutcomes"/>). The text's own outcome is
/// recorded before this is called, so a feature that cannot record it now does not make the outbox send it again or
/// Twilio call back again: the outcome waits in memory for that feature (<see cref="UnreportedOutcomes"/>), and the
/// outbox worker's next pass tells it again (<see cref="ReportWaitingAsync"/>).
/// </summary>
public sealed class OutcomeListeners(IEnumerable<IOutboundOutcomes> listeners, UnreportedOutcomes unreported, ILogger<OutcomeListeners> logger)
{
    public async Task ReportAsync(OutboundOutcome outcome, CancellationToken cancellationToken)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.ReportAsync(outcome, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Keep(outcome, listener, ex);
            }
        }
    }

    /// <summary>
    /// For an outcome that none of the features could hear: the status callback that brought it failed before them
    /// (the store not answering), and Twilio does not send it again.
    /// </summary>
    public void KeepForEvery(OutboundOutcome outcome, Exception fault)
    {
        foreach (var listener in listeners) Keep(outcome, listener, fault);
    }

    /// <summary>
    /// Tells the features the outcomes they could not hear before. While the store still fails, the rest wait for the
    /// next pass, and the outbox's own sends go ahead.
    /// </summary>
    public async Task ReportWaitingAsync(CancellationToken cancellationToken)
    {
        if (unreported.Count == 0) return;
        try
        {
            await unreported.ReportAsync(listeners, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("{Count} outcome(s) of outbound texts still wait to be recorded: {Fault}", unreported.Count, ex.GetType().Name);
        }
    }

    private void Keep(OutboundOutcome outcome, IOutboundOutcomes listener, Exception fault)
    {
        var kept = unreported.Add(outcome, listener, out var notOnDisk);
        logger.LogWarning("Outcome ({Status}) of outbound text {OutboxId} ({Label}) not recorded: {Fault}; {Kept}",
            outcome.Status, new LoggedOutboxId(outcome.OutboxId), outcome.Label, fault.GetType().Name,
            !kept ? "not kept: too many wait already"
            : notOnDisk is null ? "kept to report again once the store answers"
            : $"kept in memory only, to report again once the store answers, not on disk ({notOnDisk}): lost if the line restarts first");
    }
}
