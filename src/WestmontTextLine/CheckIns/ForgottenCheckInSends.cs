using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// FORGET reaches the notes of whose a text to a safety contact was (<see cref="SafetyPlans.SendKind"/>): kept under
/// the text's outbox id for up to <see cref="SafetyPlans.SendKeptFor"/> until its final status, each holds her keyed
/// hash beside her contact's, and outlived her FORGET (found after FORGET while her missed check-in's alert was
/// still unconfirmed). A note naming a forgotten number, as the texter or as the contact, is deleted; its text's
/// outcome then tells no one, as for a texter who has no plan any more. Such a text still in the outbox is withdrawn
/// with it: a request or an alert about her, held while Twilio refused every text, went to her contact after her FORGET.
/// </summary>
public sealed class ForgottenCheckInSends(SafetyPlans plans, IScheduledWork work) : IForgottenListener
{
    public async Task ForgottenAsync(IReadOnlySet<string> numberKeys, CancellationToken cancellationToken)
    {
        foreach (var outboxId in await plans.DeleteSendsNamingAsync(numberKeys, cancellationToken))
            await work.CancelAsync(WorkKinds.Send, outboxId, cancellationToken);
    }
}
