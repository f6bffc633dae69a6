using WestmontTextLine.Outbound;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// What became of the texts to a safety contact that she relies on: the alert of a missed check-in, and the request
/// to be her contact. Refused by the provider, given up, or reported undelivered or failed, she is told (see
/// <see cref="CheckInService.AlertNotDeliveredAsync"/>, <see cref="CheckInService.RequestNotDeliveredAsync"/>); each
/// outcome is acted on once, and a delivered one just forgets the note.
/// </summary>
public sealed class CheckInDeliveries(SafetyPlans plans, CheckInService checkIns) : IOutboundOutcomes
{
    public async Task ReportAsync(OutboundOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (outcome.Status == OutboundStatus.Sent || outcome.Label is not ("alert_missed" or "buddy_request")) return;
        if (await plans.TakeSendAsync(outcome.OutboxId, cancellationToken) is not { } send || outcome.Status != OutboundStatus.Failed) return;
        switch (send.Kind)
        {
            case CheckInSendKind.AlertMissed:
                await checkIns.AlertNotDeliveredAsync(send, cancellationToken);
                break;
            case CheckInSendKind.Request:
                await checkIns.RequestNotDeliveredAsync(send, outcome.ErrorCode, cancellationToken);
                break;
        }
    }
}
