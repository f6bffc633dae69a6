using WestmontTextLine.Outbound;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// A text about her, noted under its outbox id before it is queued (<see cref="SafetyPlans.RememberSendAsync"/>): to her
/// contact, whose failure she must hear of, and to the on-call phone, which must not go out after her STOP or FORGET
/// (<see cref="CheckInTextSubjects"/>, <see cref="ForgottenCheckInSends"/>). An alert is queued all or nothing (the
/// check-in worker queues it again after a failure, and her code word sent again does); a request is not (her plan
/// already names the contact), and her BUDDY sent again queues it again under its own id (<see cref="SendRequestAsync"/>).
/// </summary>
public sealed class CheckInSends(SafetyPlans plans, IOutboundTexts outbound, CheckInStepTexts stepTexts)
{
    /// <param name="orNothing">False for a text its caller will not queue again (the on-call phone's follow-up of an
    /// undelivered alert), which then still goes out when the queue's answer was lost.</param>
    public async Task SendAsync(CheckInSend send, string number, string body, string label, CancellationToken cancellationToken,
        CheckInStep? step = null, bool orNothing = true)
    {
        var id = step is null ? OutboundTexts.NewId() : CheckInStepTexts.IdOf(step, label);
        await plans.RememberSendAsync(id, send, cancellationToken);
        if (step is not null) await stepTexts.SendAsync(step, number, body, label, cancellationToken);
        else if (orNothing) await outbound.SendAsOrNothingAsync(id, number, body, label, cancellationToken);
        else await outbound.SendAsAsync(id, number, body, label, cancellationToken);
    }

    /// <summary>
    /// The request to be her contact, asked at <paramref name="askedAt"/>, queued under an id of its own that the outbox
    /// sends once however often it is queued (<see cref="ContactRequestTexts"/>): her BUDDY sent again after the fallback
    /// queues it again, and the contact still gets one request.
    /// </summary>
    public async Task SendRequestAsync(CheckInSend send, DateTimeOffset askedAt, string number, string body, CancellationToken cancellationToken)
    {
        var id = ContactRequestTexts.RequestId(send.TexterKey, send.ContactKey, askedAt);
        await plans.RememberSendAsync(id, send, cancellationToken);
        await outbound.SendAsAsync(id, number, body, "buddy_request", cancellationToken);
    }
}
