using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Outbound;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// What a number asked to be someone's safety contact texts: YES, NO, "wrong number", or a text the line welcomes or
/// does not understand, answered with what the line is to them.
/// </summary>
public sealed class SafetyContactAnswers(
    ConversationEngine engine,
    SafetyPlans plans,
    TexterMarks marks,
    IOutboundTexts outbound,
    CheckInTexts texts,
    ContactLinks links,
    SafetyContactLeaving leaving,
    UsageRecorder usage,
    TimeProvider time)
{
    /// <summary>
    /// A YES or NO from a number the line asked to be someone's contact; anything else is not the check-in's. YES
    /// answers the last request; NO leaves every texter who named the number ("You will not get these texts").
    /// </summary>
    /// <param name="session">Their session as this text loaded it: whether it was saved with the YES or NO that answered.</param>
    /// <param name="messageSid">The text's MessageSid: a YES or NO run again after a version conflict knows its first run's by it.</param>
    public async Task<CheckInReply?> AnswerAsync(string contactKey, bool agreed, Session? session, string? messageSid, CancellationToken cancellationToken)
    {
        var record = await plans.ContactAsync(contactKey, cancellationToken);
        if (record is null) return null;
        // This NO run again after a version conflict (their session saved meanwhile by another instance), or their next
        // NO after the one that declined got the fallback: read as a NO after that, it got the menu's answer to "no", not
        // "You will not get these texts".
        if (record.Declined)
        {
            if (agreed) return null;
            // Their NO or STOP was cut short by a fault before every texter was told: this NO finishes it.
            if (record.LeftAt is not null)
            {
                var language = record.AnsweredInLanguage ?? record.Language;
                return DeclineAck(language, await leaving.LeavesAsync(contactKey, ContactLeaving.SaidNo, cancellationToken, new ContactAnswer(messageSid, language)));
            }
            if (!await AnswersAsItsOwnAsync(contactKey, record, session, messageSid, cancellationToken)) return null;
            return DeclineAck(record.AnsweredInLanguage ?? record.Language, record.DeclinedPlans);
        }
        if (!agreed) return await DeclinesAsync(contactKey, record, messageSid, cancellationToken);
        if (await OpenRequestAsync(contactKey, record, cancellationToken) is not { } open)
        {
            // This YES run again after a version conflict (their session saved meanwhile by another instance), or their
            // next YES after the one that agreed got the fallback: read as a second YES, it got what the line is to them,
            // not their thanks.
            if (await AgreedPlanAsync(contactKey, record, cancellationToken) is { } agreedWith
                && await AnswersAsItsOwnAsync(contactKey, record, session, messageSid, cancellationToken))
            {
                await TellHerAgainAsync(contactKey, record.AgreedWith, cancellationToken);
                return Thanks(agreedWith.Contact.Language ?? record.Language ?? agreedWith.Plan.Language);
            }
            return await AgreedContactReplyAsync(contactKey, record, cancellationToken);
        }
        var texterKey = open.TexterKey;

        var now = time.GetUtcNow();
        // Her plan may have changed since it was read (her BUDDY OFF, another BUDDY, STOP or FORGET at this moment): the
        // YES counts only if written while her plan still asks them, and only then is anyone told that they agreed.
        if (await links.AgreedAsync(texterKey, contactKey, now, messageSid, cancellationToken) is not { } plan) return null;
        await TellHerAsync(texterKey, contactKey, plan, now, cancellationToken);
        return Thanks(open.Language ?? record.Language ?? plan.Language);
    }

    /// <summary>
    /// "Your safety contact agreed", queued under an id of its own for their YES (<see cref="ContactRequestTexts.AgreedId"/>),
    /// which the outbox sends once: that YES run again, or sent again after the fallback, queues it again
    /// (<see cref="TellHerAgainAsync"/>), and she is told once, also when the first run's never reached the outbox (it
    /// failed after their agreement was written).
    /// </summary>
    private Task TellHerAsync(string texterKey, string contactKey, SafetyPlan plan, DateTimeOffset agreedAt, CancellationToken cancellationToken) =>
        outbound.SendAsAsync(ContactRequestTexts.AgreedId(texterKey, contactKey, agreedAt), plan.TexterNumber,
            texts.In(plan.Language).BuddyAgreed, "buddy_agreed", cancellationToken);

    /// <summary>
    /// Her "they agreed" queued again for the YES that agreed, if her plan still counts on them and the outbox still
    /// remembers it if sent; a record from before <see cref="ContactNumberRecord.AgreedWith"/> queues nothing.
    /// </summary>
    private async Task TellHerAgainAsync(string contactKey, ContactAgreement? agreement, CancellationToken cancellationToken)
    {
        if (agreement is null || !ContactRequestTexts.MayQueueAgain(agreement.At, time.GetUtcNow())) return;
        if (await plans.PlanAsync(agreement.TexterKey, cancellationToken) is { Contact: { Agreed: true } contact } plan && contact.Key == contactKey)
            await TellHerAsync(agreement.TexterKey, contactKey, plan, agreement.At, cancellationToken);
    }

    /// <summary>
    /// Whether this YES or NO is answered as the one that answered (agreed or declined): it is that text run again after
    /// a version conflict, or that text got the fallback ("something went wrong": its session was never saved with its
    /// answer) and this one is the contact's next try. The first run had already told her ("they agreed", "they said
    /// no"); its contact, not told that it counted, got "did not understand" for their next NO. This text then takes its
    /// place, noted by its MessageSid: it is thanked or acknowledged, and counted, once.
    /// </summary>
    private async Task<bool> AnswersAsItsOwnAsync(
        string contactKey, ContactNumberRecord record, Session? session, string? messageSid, CancellationToken cancellationToken)
    {
        if (record.WasAnsweredBy(messageSid)) return true;
        if (messageSid is null || record.AnsweredByText is not { } answered || session?.HasAnswered(answered) == true) return false;
        await plans.UpdateContactAsync(contactKey,
            current => current?.AnsweredByText == answered ? current with { AnsweredByText = messageSid } : current, cancellationToken);
        return true;
    }

    /// <summary>
    /// "You will not get these texts", and the plans the NO left counted as declines once their session is saved with
    /// it: a NO that got the fallback counts nothing, and one run again after a version conflict counts its first run's.
    /// </summary>
    private CheckInReply DeclineAck(string? language, int declines) =>
        CheckInReply.Of(texts.In(language).BuddyDeclineAck, "buddy_decline_ack", KeywordAction.Decline)
            .CountedOnceSaved(() => leaving.CountDeclines(declines));

    private CheckInReply WrongNumberAck(string language) => CheckInReply.Of(texts.In(language).BuddyWrongNumberAck, "buddy_wrong_number_ack");

    /// <summary>
    /// The contact's thanks for their YES, counted as their agreement once their session is saved with it (not as a
    /// START: the stats' START is a texter back after STOP).
    /// </summary>
    private CheckInReply Thanks(string language) =>
        CheckInReply.Of(texts.In(language).BuddyThanks, "buddy_thanks")
            .CountedOnceSaved(() => usage.Record([CheckInMetrics.ContactAgreed], time.GetUtcNow()));

    /// <summary>
    /// A text from a number asked to be someone's contact, answered with the welcome ("who is this?", "sure", "yes I
    /// will"): the line says how to answer instead, once a conversation, so that a yes in other words does not leave her
    /// request open without anyone knowing. From a contact who agreed ("is she ok?" in answer to an alert, "who is
    /// this?" weeks on), it says who writes and why, that no one reads replies, 911 and STOP, in place of the welcome and
    /// a menu of topics that answered neither; so does a text the line does not understand within
    /// <see cref="SafetyContacts.ContactReplyAfterUse"/> of their agreement or an alert. MENU still gets the menu. Only a text the line
    /// welcomes or does not understand costs this look-up.
    /// </summary>
    public async Task<CheckInReply?> ReminderAsync(string senderKey, InboundText text, bool welcomed, CancellationToken cancellationToken)
    {
        var normalized = Words.InputText.Normalize(text.Body);
        if (engine.Flow.Keywords.MatchWhole(normalized).Action == KeywordAction.Menu) return null;
        if (await plans.ContactNotDeclinedAsync(senderKey, cancellationToken) is not { } record) return null;
        if (engine.Flow.WrongNumber.IsIn(normalized) && await WrongNumberAsync(senderKey, record, text.MessageSid, cancellationToken) is { } wrong) return wrong;
        if (!welcomed)
        {
            return record.LastUsedAt is { } used && time.GetUtcNow() - used < SafetyContacts.ContactReplyAfterUse
                ? await AgreedContactReplyAsync(senderKey, record, cancellationToken)
                : null;
        }
        if (await OpenRequestAsync(senderKey, record, cancellationToken) is { } open)
            return CheckInReply.Of(texts.In(open.Language ?? record.Language ?? open.Plan.Language).BuddyRequestReminder, "buddy_request_reminder");
        return await AgreedContactReplyAsync(senderKey, record, cancellationToken);
    }

    /// <summary>What this line is to a contact who agreed, if a plan still counts on them; otherwise null.</summary>
    private async Task<CheckInReply?> AgreedContactReplyAsync(string contactKey, ContactNumberRecord record, CancellationToken cancellationToken) =>
        await AgreedPlanAsync(contactKey, record, cancellationToken) is { } agreedWith
            ? CheckInReply.Of(texts.In(record.Language ?? agreedWith.Contact.Language ?? agreedWith.Plan.Language).BuddyContactReply, "buddy_contact_reply")
            : null;

    /// <summary>A plan that counts on this contact, who agreed, and its contact entry; otherwise null.</summary>
    private async Task<AgreedPlan?> AgreedPlanAsync(string contactKey, ContactNumberRecord record, CancellationToken cancellationToken)
    {
        foreach (var texterKey in record.Linked())
        {
            if (await plans.PlanAsync(texterKey, cancellationToken) is { Contact: { Agreed: true } contact } plan && contact.Key == contactKey)
                return new AgreedPlan(plan, contact);
        }
        return null;
    }

    private sealed record AgreedPlan(SafetyPlan Plan, SafetyContact Contact);

    /// <summary>
    /// The texter whose request this contact can still answer, her plan and the language she asked in: the last one to
    /// ask, if not yet agreed, else the latest other one still asked. A contact asked by two texters (Rosa, then Bea)
    /// answers each with a YES: the second YES once found only Bea's, already agreed, and Rosa's request stayed open
    /// for good, with Rosa never told and the contact sure they had agreed.
    /// </summary>
    private async Task<OpenRequest?> OpenRequestAsync(string contactKey, ContactNumberRecord record, CancellationToken cancellationToken)
    {
        IEnumerable<string> latestFirst = record.TexterKey is { } last ? [last, .. record.Texters.Reverse().Where(key => key != last)] : record.Texters.Reverse();
        foreach (var texterKey in latestFirst)
        {
            if (await plans.PlanAsync(texterKey, cancellationToken) is { Contact: { Agreed: false } contact } plan && contact.Key == contactKey)
                return new OpenRequest(texterKey, plan, contact.Language);
        }
        return null;
    }

    private sealed record OpenRequest(string TexterKey, SafetyPlan Plan, string? Language);

    /// <summary>
    /// "wrong number", "I don't know her", "numero equivocado" from a number a plan names: a no for the texter whose
    /// request it answers (the one still open, else every plan that counts on it: a number that changed hands is wrong
    /// for all of them). It leaves her plan, she is not let ask it again for <see cref="SafetyContacts.WrongNumberKeptFor"/>, and she
    /// hears once, in her language, that her contact will not get texts from this line (<c>buddy_left</c>): never
    /// what they wrote. They are told only that this number gets no more texts for that person, and how to stop all.
    /// Other texters who named the number keep it (an outreach worker may know one texter and not another); it is not
    /// a no for good. Left open, the request would get the stranger a reminder and then "did not understand", while her
    /// code word stayed "saved" for a contact who will never agree. Null when no plan names it.
    /// </summary>
    private async Task<CheckInReply?> WrongNumberAsync(string contactKey, ContactNumberRecord record, string? messageSid, CancellationToken cancellationToken)
    {
        // This text run again after a version conflict (their session saved meanwhile by another instance): its first run
        // left her plan. Read again, it found no request open and took the number off every other plan still naming it
        // (a texter it knows), or, with none, got the menu's answer, in no particular language.
        if (record.WasAnsweredBy(messageSid) && record.AnsweredInLanguage is { } answeredIn) return WrongNumberAck(answeredIn);
        IReadOnlyList<string> texters = await OpenRequestAsync(contactKey, record, cancellationToken) is { } open ? [open.TexterKey] : [.. record.Linked()];
        string? language = null;
        foreach (var texterKey in texters)
        {
            SafetyPlan? before = null;
            await plans.UpdatePlanAsync(texterKey, plan =>
            {
                before = plan;
                if (plan?.Contact?.Key != contactKey) return plan;
                // A request that reached a stranger (a digit typed wrong) does not count as her one a day, as one that
                // could not be delivered does not: she is told she can name someone else, and may at once.
                return plan.Contact.Agreed ? plan with { Contact = null } : plan with { Contact = null, LastContactRequestAt = null };
            }, cancellationToken);
            if (before?.Contact?.Key != contactKey) continue;
            if (!before.Contact.Agreed) await marks.LiftAsync(TexterMarks.ContactAsked, texterKey, cancellationToken);
            language ??= before.Contact.Language ?? record.Language ?? before.Language;
            await links.ReleaseAsync(contactKey, texterKey, cancellationToken, new ContactAnswer(messageSid, language));
            await marks.MarkAsync(TexterMarks.WrongNumber, TexterMarks.PairOf(texterKey, contactKey), SafetyContacts.WrongNumberKeptFor, cancellationToken);
            await outbound.SendAsync(before.TexterNumber, texts.In(before.Language).BuddyLeft, "buddy_left", cancellationToken);
        }
        return language is null ? null : WrongNumberAck(language);
    }

    /// <summary>NO from a number some plan names (asked or agreed): it leaves them all, for good.</summary>
    private async Task<CheckInReply?> DeclinesAsync(string contactKey, ContactNumberRecord record, string? messageSid, CancellationToken cancellationToken)
    {
        var naming = await plans.PlansNamingAsync(contactKey, record, cancellationToken);
        if (naming.Count == 0) return null; // no plan names it any more: an ordinary "no"
        var language = record.Language ?? naming[0].Language;
        var declines = await leaving.LeavesAsync(contactKey, ContactLeaving.SaidNo, cancellationToken, new ContactAnswer(messageSid, language),
            naming.Count);
        return DeclineAck(language, declines);
    }
}
