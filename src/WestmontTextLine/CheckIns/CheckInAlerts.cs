using Microsoft.Extensions.Options;
using WestmontTextLine.Flows;
using WestmontTextLine.Outbound;
using WestmontTextLine.Senders;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// The alerts of a missed check-in or a code word: to her contact (when they agreed) and to the on-call phone
/// (CheckIn:StaffNumber), and what she is told when her contact's alert is not delivered.
/// </summary>
public sealed class CheckInAlerts(
    SafetyPlans plans,
    TexterMarks marks,
    IOutboundTexts outbound,
    CheckInTexts texts,
    CheckInSends sends,
    ContactLinks links,
    LostContacts lost,
    IOptions<CheckInOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// Her code word alerts at most once in this time: sent again and again (by her in fear, or by someone using the
    /// line against her contact or the on-call phone), it would otherwise text them once a text.
    /// </summary>
    public static readonly TimeSpan CodeWordAlertsEvery = TimeSpan.FromMinutes(10);

    /// <summary>The contact (when they agreed) and the on-call phone are alerted; she is not told, so her phone shows nothing.</summary>
    /// <param name="at">The time that was due: her plan counts as used then, not when the alert went out.</param>
    /// <param name="step">For a missed check-in, the timer's step, whose alerts are queued once however often it runs.</param>
    /// <remarks>
    /// Only her own acts keep her plan (<see cref="ContactLinks.AgreedAsync"/>): an alert sent days late, after the line
    /// was down, once counted as used when it went out, and kept her plan (her number, her contact's, her code word) that
    /// many days past her own last text, towards the time her number may be someone else's.
    /// </remarks>
    public async Task AlertAsync(string texterKey, SafetyPlan plan, bool codeWord, DateTimeOffset at, CancellationToken cancellationToken,
        CheckInStep? step = null)
    {
        if (await SendAsync(texterKey, plan, codeWord, at, cancellationToken, step) is { } alerted)
        {
            await links.UsedAsync(texterKey, alerted, Earlier(at, time.GetUtcNow()), agreed: false, cancellationToken);
        }
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Queues the alerts to the contact (when they agreed) and the on-call phone; returns the contact's key when alerted.</summary>
    public async Task<string?> SendAsync(string texterKey, SafetyPlan plan, bool codeWord, DateTimeOffset at, CancellationToken cancellationToken,
        CheckInStep? step = null)
    {
        string? alerted = null;
        if (plan.Contact is { Agreed: true } contact)
        {
            // In the language they were asked in: her switch to another language is hers, not theirs.
            var language = contact.Language ?? plan.Language;
            var messages = texts.In(language);
            if (codeWord)
            {
                // Her phone must show nothing after a code word, so she is never texted about this alert's fate; the
                // on-call phone is, should it fail.
                await sends.SendAsync(new CheckInSend(texterKey, contact.Key, CheckInSendKind.AlertCodeWord, plan.Id), contact.Number,
                    texts.ForContact(messages.AlertCodeWord, contact.Name, at, language), "alert_codeword", cancellationToken);
            }
            else
            {
                await sends.SendAsync(new CheckInSend(texterKey, contact.Key, CheckInSendKind.AlertMissed, plan.Id), contact.Number,
                    texts.ForContact(messages.AlertMissed, contact.Name, at, language), "alert_missed", cancellationToken, step);
            }
            alerted = contact.Key;
        }
        // The on-call phone hears of one texter's code word once in ten minutes, even across STOP or FORGET (which
        // delete her plan and so its note of the last alert). Noted as about her: held in the outbox, her STOP or
        // FORGET keeps it from going out, as it does her contact's.
        if (ContactNumbers.Staff(options.Value.StaffNumber) is { } staff
            && !(codeWord && await marks.IsMarkedAsync(TexterMarks.CodeWordAlerted, texterKey, cancellationToken)))
        {
            var english = texts.In(Flow.DefaultLanguage);
            var alert = texts.AlertTime(english.AlertStaff, at, Flow.DefaultLanguage).Replace("{texter}", Pseudonym.Of(texterKey), StringComparison.Ordinal);
            await sends.SendAsync(CheckInSend.OnCallAlert(texterKey), staff, alert, "alert_staff", cancellationToken, step);
            if (codeWord) await marks.MarkAsync(TexterMarks.CodeWordAlerted, texterKey, CodeWordAlertsEvery, cancellationToken);
        }
        return alerted;
    }

    /// <summary>
    /// The alert of her missed check-in was refused or not delivered: her contact does not know. She gets what she would
    /// have got with no contact (911 and the hotline), saying her contact could not be reached, and her late OK will
    /// not say that they were texted. Her OK may have come first (the carrier's word comes seconds to hours after the
    /// alert): "You did not reply OK" would then be false, and she is told only that her contact could not be reached.
    /// </summary>
    /// <remarks>
    /// A failure for good (<see cref="LostContacts.IsForGood"/>) also takes her contact off her plan: told now that she
    /// did not reply OK (911 first), she hears at her next conversation that she can name someone else.
    /// </remarks>
    public async Task AlertNotDeliveredAsync(CheckInSend send, int? errorCode, CancellationToken cancellationToken)
    {
        // Her lapse's note, if of this alert's plan, says so even when nothing more is told (BUDDY OFF ended that plan).
        var stillMissed = await plans.ContactNotReachedAsync(send, cancellationToken) is not null;
        // STOP or FORGET meanwhile, or her STOP, START and a new plan: that alert was about a plan that ended.
        if (await plans.PlanAsync(send.TexterKey, cancellationToken) is not { } plan || !send.IsAbout(plan)) return;
        var messages = texts.In(plan.Language);
        if (stillMissed) await outbound.SendAsync(plan.TexterNumber, messages.CheckInMissedUnreached, "checkin_missed_unreached", cancellationToken);
        else await outbound.SendAsync(plan.TexterNumber, messages.BuddyUnreachable, "buddy_unreachable", cancellationToken);
        if (LostContacts.IsForGood(errorCode)) await lost.TakeOffAsync(send, errorCode, tellLater: stillMissed, cancellationToken);
        await TellOnCallAsync(send, cancellationToken);
    }

    /// <summary>
    /// The alert of her code word was refused or not delivered: her contact does not know. She is not told (her phone
    /// must show nothing after a code word); the on-call phone is.
    /// </summary>
    /// <remarks>
    /// A failure for good (<see cref="LostContacts.IsForGood"/>) takes her contact off her plan, and she hears of it at
    /// her next conversation with the line, not now: her code word would otherwise alert no one while she counts on it.
    /// </remarks>
    public async Task CodeWordAlertNotDeliveredAsync(CheckInSend send, int? errorCode, CancellationToken cancellationToken)
    {
        // STOP or FORGET meanwhile (nothing more of hers), or a plan made since.
        if (!send.IsAbout(await plans.PlanAsync(send.TexterKey, cancellationToken))) return;
        if (LostContacts.IsForGood(errorCode)) await lost.TakeOffAsync(send, errorCode, tellLater: true, cancellationToken);
        await TellOnCallAsync(send, cancellationToken);
    }

    /// <summary>
    /// The on-call phone was told "Their contact was told if they had one" with the alert: when that alert did not reach
    /// her contact, it hears so (by her pseudonym, as before), so that the follow-up does not count on her contact; not
    /// after her STOP or FORGET, which end what her check-in would still send, nor when either comes while it waits in
    /// the outbox (noted as about her, <see cref="CheckInSends"/>).
    /// </summary>
    private async Task TellOnCallAsync(CheckInSend send, CancellationToken cancellationToken)
    {
        if (ContactNumbers.Staff(options.Value.StaffNumber) is not { } staff) return;
        var text = texts.In(Flow.DefaultLanguage).AlertStaffUnreached.Replace("{texter}", Pseudonym.Of(send.TexterKey), StringComparison.Ordinal);
        await sends.SendAsync(CheckInSend.OnCallAlert(send.TexterKey), staff, text, "alert_staff_unreached", cancellationToken, orNothing: false);
    }
}
