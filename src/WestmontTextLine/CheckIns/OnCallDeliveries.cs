using WestmontTextLine.Outbound;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// What became of the alerts to the on-call phone (<c>alert_staff</c>, <c>alert_staff_unreached</c>): one that failed
/// is logged once as an error and shown in /healthz for a day (<see cref="OnCallPhoneState"/>): an on-call phone
/// that has texted STOP, or a landline set as <c>CheckIn:StaffNumber</c>, gets no alert at all, and only this says so.
/// </summary>
public sealed class OnCallDeliveries(OnCallPhoneState state, ILogger<OnCallDeliveries> logger) : IOutboundOutcomes
{
    public async Task ReportAsync(OutboundOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (outcome.Label is not ("alert_staff" or "alert_staff_unreached")) return;
        if (outcome.Status == OutboundStatus.Delivered) await state.DeliveredAsync(cancellationToken);
        else if (outcome.Status == OutboundStatus.Failed && await state.NotReachedAsync(outcome.ErrorCode, cancellationToken))
            logger.LogError("Outbound text ({Label}) not delivered: {Why}", outcome.Label, await state.DescribeAsync(cancellationToken));
    }
}
