using WestmontTextLine.Outbound;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// A text to her safety contact (the request to be her contact, an alert of her missed check-in or her code word) or
/// to the on-call phone (the alert, and the follow-up of her contact's undelivered alert) is about her: its note
/// (<see cref="CheckInSends"/>) names her, so her STOP since it was queued (the outbox held while Twilio refused every
/// text, for up to a day) keeps it from going out.
/// </summary>
public sealed class CheckInTextSubjects(SafetyPlans plans) : IOutboxTextSubjects
{
    public async Task<string?> SubjectOfAsync(string outboxId, string label, CancellationToken cancellationToken) =>
        CheckInDeliveries.IsContactText(label) || OnCallDeliveries.IsOnCallAlert(label)
            ? (await plans.SendOfAsync(outboxId, cancellationToken))?.TexterKey
            : null;
}
