using WestmontTextLine.Outbound;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// A text to her contact whose failure she must hear of: noted under its outbox id before it is queued. An alert is
/// queued all or nothing (the check-in worker queues it again after a failure, and her code word sent again does); a request is not (her plan already
/// names the contact, and BUDDY sent again would meet the one-a-day limit).
/// </summary>
public sealed class SafetyContactSends(SafetyPlans plans, IOutboundTexts outbound, CheckInStepTexts stepTexts)
{
    public async Task SendAsync(CheckInSend send, string number, string body, string label, CancellationToken cancellationToken,
        CheckInStep? step = null)
    {
        var id = step is null ? OutboundTexts.NewId() : CheckInStepTexts.IdOf(step, label);
        await plans.RememberSendAsync(id, send, cancellationToken);
        if (step is not null) await stepTexts.SendAsync(step, number, body, label, cancellationToken);
        else if (send.Kind != CheckInSendKind.Request) await outbound.SendAsOrNothingAsync(id, number, body, label, cancellationToken);
        else await outbound.SendAsAsync(id, number, body, label, cancellationToken);
    }
}
