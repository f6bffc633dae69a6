using WestmontTextLine.Outbound;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// What became of the texts to a safety contact that she relies on: the alert of a missed check-in or of her code word,
/// and the request to be her contact. Refused by the provider, given up, or reported undelivered or failed, she is told
/// (never of a code word's), and the on-call phone of an alert (see <see cref="CheckInAlerts.AlertNotDeliveredAsync"/>,
/// <see cref="CheckInAlerts.CodeWordAlertNotDeliveredAsync"/>, <see cref="SafetyContactLeaving.RequestNotDeliveredAsync"/>); each
/// outcome is acted on once, and a delivered one just forgets the note.
/// </summary>
public sealed class CheckInDeliveries(SafetyPlans plans, CheckInAlerts alerts, SafetyContactLeaving leaving, OptedOutNumbers optedOut)
    : IOutboundOutcomes
{
    /// <summary>The texts to her safety contact whose notes name her (<see cref="CheckInSends"/>).</summary>
    public static bool IsContactText(string label) => label is "alert_missed" or "alert_codeword" or "buddy_request";

    public async Task ReportAsync(OutboundOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (outcome.Status == OutboundStatus.Sent || !IsContactText(outcome.Label)) return;
        if (await plans.TakeSendAsync(outcome.OutboxId, cancellationToken) is not { } send || outcome.Status != OutboundStatus.Failed) return;
        // Her STOP saved her session and not the rest (her plan still there): nothing more of hers, as after a whole STOP.
        if (await optedOut.HasOptedOutAsync(send.TexterKey, cancellationToken)) return;
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
