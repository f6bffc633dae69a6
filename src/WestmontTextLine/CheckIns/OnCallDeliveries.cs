using WestmontTextLine.Outbound;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// What became of the alerts to the on-call phone (<c>alert_staff</c>, <c>alert_staff_unreached</c>): one that failed
/// is logged once as an error and shown in /healthz for a day (<see cref="OnCallPhoneState"/>): an on-call phone
/// that has texted STOP, or a landline set as <c>CheckIn:StaffNumber</c>, gets no alert at all, and only this says so.
/// One withdrawn (about a texter who opted out while it waited) is no failure of that phone's. Once it has left the
/// outbox, the note of whom it is about (<see cref="CheckInSend.OnCallAlert"/>) is deleted: what it was about is kept
/// only while it waits.
/// </summary>
public sealed class OnCallDeliveries(SafetyPlans plans, OnCallPhoneState state, ILogger<OnCallDeliveries> logger) : IOutboundOutcomes
{
    public static bool IsOnCallAlert(string label) => label is "alert_staff" or "alert_staff_unreached";

    public async Task ReportAsync(OutboundOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (!IsOnCallAlert(outcome.Label)) return;
        await plans.DeleteSendAsync(outcome.OutboxId, cancellationToken);
        if (outcome.Status == OutboundStatus.Delivered) await state.DeliveredAsync(cancellationToken);
        else if (outcome.Status == OutboundStatus.Failed && await state.NotReachedAsync(outcome.ErrorCode, cancellationToken))
            logger.LogError("Outbound text ({Label}) not delivered: {Why}", outcome.Label, await state.DescribeAsync(cancellationToken));
    }
}
