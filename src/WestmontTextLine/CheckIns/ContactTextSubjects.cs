using WestmontTextLine.Outbound;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// A text to her safety contact (the request to be her contact, an alert of her missed check-in or her code word) is
/// about her: its note (<see cref="SafetyPlans.RememberSendAsync"/>) names her, so her STOP since it was queued (the
/// outbox held while Twilio refused every text, for up to a day) keeps it from her contact.
/// </summary>
public sealed class ContactTextSubjects(SafetyPlans plans) : IOutboxTextSubjects
{
    public async Task<string?> SubjectOfAsync(string outboxId, string label, CancellationToken cancellationToken) =>
        CheckInDeliveries.IsContactText(label) ? (await plans.SendOfAsync(outboxId, cancellationToken))?.TexterKey : null;
}
