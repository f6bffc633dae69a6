using WestmontTextLine.Outbound;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// What became of the texts to a safety contact that she relies on: the alert of a missed check-in or of her code word,
/// and the request to be her contact. Refused by the provider, given up, or reported undelivered or failed, she is told
/// (never of a code word's), and the on-call phone of an alert (see <see cref="CheckInAlerts.AlertNotDeliveredAsync"/>,
/// <see cref="CheckInAlerts.CodeWordAlertNotDeliveredAsync"/>, <see cref="SafetyContactLeaving.RequestNotDeliveredAsync"/>); each
/// outcome is acted on once, and a delivered one just forgets the note.
/// </summary>
public sealed class CheckInDeliveries(SafetyPlans plans, CheckInAlerts alerts, SafetyContactLeaving leaving) : IOutboundOutcomes
{
    public async Task ReportAsync(OutboundOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (outcome.Status == OutboundStatus.Sent || outcome.Label is not ("alert_missed" or "alert_codeword" or "buddy_request")) return;
        if (await plans.TakeSendAsync(outcome.OutboxId, cancellationToken) is not { } send || outcome.Status != OutboundStatus.Failed) return;
        switch (send.Kind)
        {
            case CheckInSendKind.AlertMissed:
                await alerts.AlertNotDeliveredAsync(send, outcome.ErrorCode, cancellationToken);
                break;
            case CheckInSendKind.AlertCodeWord:
                await alerts.CodeWordAlertNotDeliveredAsync(send, outcome.ErrorCode, cancellationToken);
                break;
            case CheckInSendKind.Request:
                await leaving.RequestNotDeliveredAsync(send, outcome.ErrorCode, cancellationToken);
                break;
        }
    }
}
