using WestmontTextLine.Outbound;
using WestmontTextLine.Usage;

namespace WestmontTextLine.CheckIns;

/// <summary>A number stops being someone's safety contact: it said NO or STOP, it texted FORGET, or her request to it was not delivered.</summary>
public sealed class SafetyContactLeaving(
    SafetyPlans plans,
    TexterMarks marks,
    IOutboundTexts outbound,
    CheckInTexts texts,
    ContactLinks links,
    UsageRecorder usage,
    TimeProvider time)
{
    /// <summary>
    /// The number stops being a contact (a NO or STOP from it: declined, for good; its FORGET: deleted): taken off
    /// every plan that names it, and each texter told once, so that no one counts on a contact who is gone. Only a texter
    /// whose request it answered with NO is told "Your safety contact said no"; the others hear that it will not get
    /// texts from this line now. A STOP, or a NO after agreeing (perhaps in answer to an alert), is often not her
    /// contact's word at all: a number changes hands, and its new owner stops texts from a stranger. She once read that as
    /// her friend refusing her.
    /// </summary>
    /// <param name="answer">The NO or STOP, noted on the record with the number of plans it left: that text run again
    /// after a version conflict is answered, and counted, as its first run was.</param>
    /// <returns>How many plans a NO or STOP left (on its run again, its first run's), to be counted as declines once
    /// the text is saved (<see cref="CountDeclines"/>); 0 for a FORGET.</returns>
    public async Task<int> LeavesAsync(string contactKey, ContactLeaving how, CancellationToken cancellationToken, ContactAnswer? answer = null)
    {
        var declined = how != ContactLeaving.Forgot;
        var declines = 0;
        var record = await plans.ContactAsync(contactKey, cancellationToken);
        if (record is null) return 0;
        if (answer is not null && record.WasAnsweredBy(answer.MessageSid)) return record.DeclinedPlans;
        foreach (var texterKey in record.Linked())
        {
            SafetyPlan? before = null;
            await plans.UpdatePlanAsync(texterKey, plan =>
            {
                before = plan;
                return plan?.Contact?.Key == contactKey ? plan with { Contact = null } : plan;
            }, cancellationToken);
            if (before?.Contact?.Key != contactKey) continue;
            var messages = texts.In(before.Language);
            if (how == ContactLeaving.SaidNo && !before.Contact.Agreed)
                await outbound.SendAsync(before.TexterNumber, messages.BuddyDeclined, "buddy_declined", cancellationToken);
            else
                await outbound.SendAsync(before.TexterNumber, messages.BuddyLeft, "buddy_left", cancellationToken);
            if (declined) declines++;
        }
        if (declined) await links.DeclinedForGoodAsync(contactKey, record, cancellationToken, answer is null ? null : answer with { DeclinedPlans = declines });
        else if (record.Declined) await plans.UpdateContactAsync(contactKey, _ => new ContactNumberRecord { Declined = true }, cancellationToken);
        else await plans.DeleteContactAsync(contactKey, cancellationToken);
        return declined ? declines : 0;
    }

    /// <summary>The plans a NO or STOP left, counted as declines: only once the text's session is saved with its answer.</summary>
    public void CountDeclines(int declines)
    {
        if (declines > 0) usage.Record([.. Enumerable.Repeat(CheckInMetrics.ContactDeclined, declines)], time.GetUtcNow());
    }

    /// <summary>
    /// The request to be her contact was refused or not delivered: they cannot answer it. The contact is taken off her
    /// plan (she may name someone else at once, not a day later), and she is told. A number that opted out at the
    /// carrier (21610) is never asked again, as after a STOP. A failure for the line's own number or account (30034
    /// unregistered...: <see cref="LineSideCodes"/>) says nothing of theirs: they stay her contact asked, and she is not
    /// told that they could not be reached (a text to her would fail the same way).
    /// </summary>
    public async Task RequestNotDeliveredAsync(CheckInSend send, int? errorCode, CancellationToken cancellationToken)
    {
        if (LineSideCodes.Is(errorCode)) return;
        SafetyPlan? before = null;
        await plans.UpdatePlanAsync(send.TexterKey, plan =>
        {
            before = plan;
            return plan?.Contact is { Agreed: false } contact && contact.Key == send.ContactKey
                ? plan with { Contact = null, LastContactRequestAt = null }
                : plan;
        }, cancellationToken);
        if (before?.Contact is not { Agreed: false } asked || asked.Key != send.ContactKey) return; // answered, replaced or removed meanwhile
        await marks.LiftAsync(TexterMarks.ContactAsked, send.TexterKey, cancellationToken);
        if (errorCode == OutboundTextWorker.OptedOutCode)
            await links.DeclinedForGoodAsync(send.ContactKey, new ContactNumberRecord(), cancellationToken);
        else
            await links.ReleaseAsync(send.ContactKey, send.TexterKey, cancellationToken);
        await outbound.SendAsync(before.TexterNumber, texts.In(before.Language).BuddyUnreachable, "buddy_unreachable", cancellationToken);
    }
}
