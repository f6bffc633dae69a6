using WestmontTextLine.Logging;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Tells every feature what became of an outbound text (<see cref="IOutboundOutcomes"/>). The text's own outcome is
/// recorded before this is called, so a feature that cannot record it now is only logged: the outbox does not send it
/// again, and Twilio is not made to call back again.
/// </summary>
public sealed class OutcomeListeners(IEnumerable<IOutboundOutcomes> listeners, ILogger<OutcomeListeners> logger)
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
                logger.LogWarning("Outcome ({Status}) of outbound text {OutboxId} ({Label}) not recorded: {Fault}",
                    outcome.Status, new LoggedOutboxId(outcome.OutboxId), outcome.Label, ex.GetType().Name);
            }
        }
    }
}
