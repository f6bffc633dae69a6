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
    /// <remarks>
    /// Its record is marked first (<see cref="ContactNumberRecord.LeftAt"/>; a NO or STOP also declined, with the plans
    /// it leaves counted), then each texter is told, under an outbox id made from that mark, before her plan drops the
    /// contact and the record lets her go. A fault part way (a text not queued, a write failed) leaves the mark: their
    /// NO, STOP or FORGET again goes on from there, and each texter is told once. Told after her plan dropped the
    /// contact, a texter whose text failed was never told: their NO again found no plan naming them and got the menu's
    /// answer, and the decline was never written.
    /// </remarks>
    /// <param name="answer">The NO or STOP, noted on the record with the number of plans it left: that text run again
    /// after a version conflict is answered, and counted, as its first run was.</param>
    /// <param name="namingPlans">How many plans name the number, when the caller just read them all (a NO finds
    /// one): they are not read a second time to count them.</param>
    /// <param name="countsIfFinishedEarlier">False when an earlier call that finished this answer's leaving has counted
    /// it already: a STOP kept on disk and written again after a crash (its first write-through counted it).</param>
    /// <returns>How many plans a NO or STOP left (on its run again, its first run's, unless
    /// <paramref name="countsIfFinishedEarlier"/> is false), to be counted as declines once the text is saved
    /// (<see cref="CountDeclines"/>); 0 for a FORGET.</returns>
    public async Task<int> LeavesAsync(string contactKey, ContactLeaving how, CancellationToken cancellationToken, ContactAnswer? answer = null,
        int? namingPlans = null, bool countsIfFinishedEarlier = true)
    {
        var declined = how != ContactLeaving.Forgot;
        var record = await plans.ContactAsync(contactKey, cancellationToken);
        if (record is null) return 0;
        if (record.LeftAt is null && answer is not null && record.WasAnsweredBy(answer.MessageSid))
            return countsIfFinishedEarlier ? record.DeclinedPlans : 0;
        var leaving = record.LeftAt is null ? await BeginAsync(contactKey, record, declined, answer, namingPlans, cancellationToken) : record;
        if (leaving?.LeftAt is not { } leftAt) return 0;
        foreach (var texterKey in leaving.Linked()) await TellAndLetGoAsync(contactKey, texterKey, how, leftAt, cancellationToken);
        var left = declined
            ? await plans.UpdateContactAsync(contactKey, current => current is null ? null : Finished(current, answer), cancellationToken)
            : await plans.UpdateContactAsync(contactKey, current => current is { Declined: true } ? new ContactNumberRecord { Declined = true } : null, cancellationToken);
        return declined ? left?.DeclinedPlans ?? 0 : 0;
    }

    /// <summary>Marks the record as leaving now, with the plans a NO or STOP leaves counted and noted with it.</summary>
    private async Task<ContactNumberRecord?> BeginAsync(
        string contactKey, ContactNumberRecord record, bool declined, ContactAnswer? answer, int? namingPlans, CancellationToken cancellationToken)
    {
        var naming = namingPlans ?? (await plans.PlansNamingAsync(contactKey, record, cancellationToken)).Count;
        var now = time.GetUtcNow();
        return await plans.UpdateContactAsync(contactKey, current =>
        {
            if (current is null || current.LeftAt is not null) return current;
            // A FORGET clears what an earlier NO noted: a NO finishing it after a fault counts only what it leaves.
            var marked = current with { LeftAt = now, Declined = current.Declined || declined };
            return marked.AnsweredBy(declined ? (answer ?? new ContactAnswer(null, null)) with { DeclinedPlans = naming } : null);
        }, cancellationToken);
    }

    /// <summary>
    /// One texter who named the number: told (once, under an id made from <paramref name="leftAt"/>), then her plan drops
    /// the contact, then the record lets her go.
    /// </summary>
    private async Task TellAndLetGoAsync(string contactKey, string texterKey, ContactLeaving how, DateTimeOffset leftAt, CancellationToken cancellationToken)
    {
        if (await plans.PlanAsync(texterKey, cancellationToken) is { Contact: { } contact } plan && contact.Key == contactKey)
        {
            var messages = texts.In(plan.Language);
            var id = ContactRequestTexts.LeftId(texterKey, contactKey, leftAt);
            if (how == ContactLeaving.SaidNo && !contact.Agreed)
                await outbound.SendAsAsync(id, plan.TexterNumber, messages.BuddyDeclined, "buddy_declined", cancellationToken);
            else
                await outbound.SendAsAsync(id, plan.TexterNumber, messages.BuddyLeft, "buddy_left", cancellationToken);
            await plans.UpdatePlanAsync(texterKey, current => current?.Contact?.Key == contactKey ? current with { Contact = null } : current, cancellationToken);
        }
        await plans.UpdateContactAsync(contactKey, current => current?.Unlinked(texterKey), cancellationToken);
    }

    /// <summary>
    /// Every texter told: declined for good, linked to nobody, and noted as answered by this NO or STOP (the one that
    /// finished it, with the plans counted when it began), so that its run again counts them.
    /// </summary>
    private static ContactNumberRecord Finished(ContactNumberRecord current, ContactAnswer? answer)
    {
        var finished = current with { TexterKey = null, Texters = [], Declined = true, LeftAt = null };
        return answer is null || current.WasAnsweredBy(answer.MessageSid)
            ? finished
            : finished.AnsweredBy(answer with { Language = answer.Language ?? current.AnsweredInLanguage, DeclinedPlans = current.DeclinedPlans });
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
        SafetyPlan? asking = null;
        await plans.UpdatePlanAsync(send.TexterKey, plan =>
        {
            // Not one answered, replaced or removed meanwhile, nor one asked again in a plan she made after her STOP ended
            // the plan this request was about.
            asking = plan?.Contact is { Agreed: false } contact && contact.Key == send.ContactKey && send.IsAbout(plan) ? plan : null;
            return asking is null ? plan : asking with { Contact = null, LastContactRequestAt = null };
        }, cancellationToken);
        if (asking is null) return;
        await marks.LiftAsync(TexterMarks.ContactAsked, send.TexterKey, cancellationToken);
        if (errorCode == DeliveryMetrics.OptedOutAtCarrierCode)
            await links.DeclinedForGoodAsync(send.ContactKey, new ContactNumberRecord(), cancellationToken);
        else
            await links.ReleaseAsync(send.ContactKey, send.TexterKey, cancellationToken);
        await outbound.SendAsync(asking.TexterNumber, texts.In(asking.Language).BuddyUnreachable, "buddy_unreachable", cancellationToken);
    }
}
