using Microsoft.Extensions.Options;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Flows.Checks;
using WestmontTextLine.Outbound;
using WestmontTextLine.Senders;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// Her safety contact: BUDDY asks someone, who must reply YES (NO leaves her plan for good); BUDDY OFF takes them off.
/// What the asked number texts, and what becomes of a request that could not be delivered.
/// </summary>
public sealed class SafetyContacts(
    ConversationEngine engine,
    SafetyPlans plans,
    TexterMarks marks,
    IOutboundTexts outbound,
    SenderKeys senderKeys,
    ISessionStore sessions,
    CheckInTexts texts,
    ContactLinks links,
    SafetyContactSends contactSends,
    UsageRecorder usage,
    IOptions<CheckInOptions> options,
    IOptions<TwilioApiOptions> provider,
    TimeProvider time)
{
    public static readonly TimeSpan ContactRequestsEvery = TimeSpan.FromDays(1);

    /// <summary>
    /// How long after a contact agreed or was alerted a text the line does not understand ("what?? is she ok") gets
    /// what the line is to them, not "did not understand" and a menu: an alert may come minutes after they agreed, within
    /// the conversation their YES began, where nothing is welcomed.
    /// </summary>
    public static readonly TimeSpan ContactReplyAfterUse = TimeSpan.FromHours(1);
    public const int ContactRequestsAWeek = 3;

    /// <summary>How long a number that answered her request or alert with "wrong number" is not asked by her again.</summary>
    public static readonly TimeSpan WrongNumberKeptFor = TimeSpan.FromDays(30);

    public async Task<CheckInReply> AskAsync(
        string from, string senderKey, string language, CheckInCommand.AddBuddy add, SafetyPlan? plan, CancellationToken cancellationToken)
    {
        var messages = texts.In(language);
        var now = time.GetUtcNow();
        var number = ContactNumbers.Usable(add.Number, from, [provider.Value.From, options.Value.StaffNumber]);
        if (number is null) return CheckInReply.Of(messages.BuddyRefused, "buddy_refused");
        if (plan?.LastContactRequestAt is { } last && now - last < ContactRequestsEvery) return CheckInReply.Of(messages.BuddyLimit, "buddy_limit");
        if (await marks.IsMarkedAsync(TexterMarks.ContactAsked, senderKey, cancellationToken)) return CheckInReply.Of(messages.BuddyLimit, "buddy_limit");

        var contactKey = senderKeys.KeyOf(number);
        // A number that texted STOP to this line is not asked, and she gets the reply any number not asked gets. It was
        // "We asked your contact to agree", then at once "We could not reach your safety contact by text": for a number
        // she knows to be a cell, word that it had opted out of this line, and so had texted it.
        if ((await sessions.LoadAsync(contactKey, cancellationToken))?.OptedOut == true) return CheckInReply.Of(messages.BuddyNotAsked, "buddy_not_asked");
        // A number that told the line it does not know her ("wrong number") is not asked by her again for a while.
        if (await marks.IsMarkedAsync(TexterMarks.WrongNumber, TexterMarks.PairOf(senderKey, contactKey), cancellationToken))
            return CheckInReply.Of(messages.BuddyNotAsked, "buddy_not_asked");
        // The contact is asked in the language of the word she used (BUDDY English, CONTACTO Spanish), which may not be
        // hers: a Spanish speaker's contact may read only English. The replies to her stay in her language.
        var contactLanguage = add.Language ?? language;
        var refused = false;
        await plans.UpdateContactAsync(contactKey, record =>
        {
            record ??= new ContactNumberRecord();
            var thisWeek = record.RequestedAt.Where(at => now - at < TimeSpan.FromDays(7)).ToList();
            refused = record.Declined || thisWeek.Count >= ContactRequestsAWeek;
            return refused
                ? record with { RequestedAt = thisWeek }
                : record with
                {
                    TexterKey = senderKey, Language = contactLanguage, RequestedAt = [.. thisWeek, now],
                    Texters = [.. record.Texters.Where(key => key != senderKey), senderKey],
                };
        }, cancellationToken);
        if (refused) return CheckInReply.Of(messages.BuddyNotAsked, "buddy_not_asked");
        await marks.MarkAsync(TexterMarks.ContactAsked, senderKey, ContactRequestsEvery, cancellationToken);

        var previous = plan?.Contact;
        var name = ShowableName(add.Name);
        await plans.UpdatePlanAsync(senderKey, current => (current ?? SafetyPlan.For(from, language)) with
        {
            Contact = new SafetyContact(number, name, contactKey, Agreed: false, now, contactLanguage),
            LastContactRequestAt = now,
            Language = language,
            ContactLostAt = null, // a contact lost before is replaced: nothing left to tell her
        }, cancellationToken);
        if (previous is not null && previous.Key != contactKey) await links.ReleaseAsync(previous.Key, senderKey, cancellationToken);
        await contactSends.SendAsync(new CheckInSend(senderKey, contactKey, CheckInSendKind.Request), number,
            texts.ForContact(texts.In(contactLanguage).BuddyRequest, name, now, contactLanguage), "buddy_request", cancellationToken);
        usage.Record([CheckInMetrics.ContactAsked], now);
        // With no name it could show, the request and every alert say "Someone you know": she is told, or her contact
        // would read "Someone you know has not checked in... Please try to reach them" and not know whom to reach.
        return name is null
            ? CheckInReply.Of(messages.BuddyRequestedNoName, "buddy_requested_no_name")
            : CheckInReply.Of(messages.BuddyRequested, "buddy_requested");
    }

    public async Task<CheckInReply> RemoveAsync(string senderKey, string language, CancellationToken cancellationToken)
    {
        SafetyContact? removed = null;
        await plans.UpdatePlanAsync(senderKey, plan =>
        {
            removed = plan?.Contact;
            return plan is null ? null : plan with { Contact = null, ContactLostAt = null };
        }, cancellationToken);
        if (removed is not null) await links.ReleaseAsync(removed.Key, senderKey, cancellationToken);
        return CheckInReply.Of(texts.In(language).BuddyRemoved, "buddy_removed");
    }

    /// <summary>
    /// A YES or NO from a number the line asked to be someone's contact; anything else is not the check-in's. YES
    /// answers the last request; NO leaves every texter who named the number ("You will not get these texts").
    /// </summary>
    public async Task<CheckInReply?> AnswerAsync(string contactKey, bool agreed, CancellationToken cancellationToken)
    {
        var record = await plans.ContactAsync(contactKey, cancellationToken);
        if (record is null || record.Declined) return null;
        if (!agreed) return await DeclinesAsync(contactKey, record, cancellationToken);
        if (await OpenRequestAsync(contactKey, record, cancellationToken) is not { } open)
            return await AgreedContactReplyAsync(contactKey, record, cancellationToken);
        var texterKey = open.TexterKey;

        var now = time.GetUtcNow();
        // Her plan may have changed since it was read (her BUDDY OFF, another BUDDY, STOP or FORGET at this moment): the
        // YES counts only if written while her plan still asks them, and only then is anyone told that they agreed.
        if (await links.AgreedAsync(texterKey, contactKey, now, cancellationToken) is not { } plan) return null;
        await outbound.SendAsync(plan.TexterNumber, texts.In(plan.Language).BuddyAgreed, "buddy_agreed", cancellationToken);
        usage.Record([CheckInMetrics.ContactAgreed], now);
        // Counted as the contact's agreement (above), not as a START: the stats' START is a texter back after STOP.
        return CheckInReply.Of(texts.In(open.Language ?? record.Language ?? plan.Language).BuddyThanks, "buddy_thanks");
    }

    /// <summary>
    /// A text from a number asked to be someone's contact, answered with the welcome ("who is this?", "sure", "yes I
    /// will"): the line says how to answer instead, once a conversation, so that a yes in other words does not leave her
    /// request open without anyone knowing. From a contact who agreed ("is she ok?" in answer to an alert, "who is
    /// this?" weeks on), it says who writes and why, that no one reads replies, 911 and STOP, in place of the welcome and
    /// a menu of topics that answered neither; so does a text the line does not understand within
    /// <see cref="ContactReplyAfterUse"/> of their agreement or an alert. MENU still gets the menu. Only a text the line
    /// welcomes or does not understand costs this look-up.
    /// </summary>
    public async Task<CheckInReply?> ReminderAsync(string senderKey, InboundText text, bool welcomed, CancellationToken cancellationToken)
    {
        var normalized = Words.InputText.Normalize(text.Body);
        if (engine.Flow.Keywords.MatchWhole(normalized).Action == KeywordAction.Menu) return null;
        var record = await plans.ContactAsync(senderKey, cancellationToken);
        if (record is not { Declined: false }) return null;
        if (engine.Flow.WrongNumber.IsIn(normalized) && await WrongNumberAsync(senderKey, record, cancellationToken) is { } wrong) return wrong;
        if (!welcomed)
        {
            return record.LastUsedAt is { } used && time.GetUtcNow() - used < ContactReplyAfterUse
                ? await AgreedContactReplyAsync(senderKey, record, cancellationToken)
                : null;
        }
        if (await OpenRequestAsync(senderKey, record, cancellationToken) is { } open)
            return CheckInReply.Of(texts.In(open.Language ?? record.Language ?? open.Plan.Language).BuddyRequestReminder, "buddy_request_reminder");
        return await AgreedContactReplyAsync(senderKey, record, cancellationToken);
    }

    /// <summary>What this line is to a contact who agreed, if a plan still counts on them; otherwise null.</summary>
    private async Task<CheckInReply?> AgreedContactReplyAsync(string contactKey, ContactNumberRecord record, CancellationToken cancellationToken)
    {
        foreach (var texterKey in record.Linked())
        {
            if (await plans.PlanAsync(texterKey, cancellationToken) is { Contact: { Agreed: true } contact } plan && contact.Key == contactKey)
                return CheckInReply.Of(texts.In(record.Language ?? contact.Language ?? plan.Language).BuddyContactReply, "buddy_contact_reply");
        }
        return null;
    }

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
    /// for all of them). It leaves her plan, she is not let ask it again for <see cref="WrongNumberKeptFor"/>, and she
    /// hears once, in her language, that her contact will not get texts from this line (<c>buddy_left</c>): never
    /// what they wrote. They are told only that this number gets no more texts for that person, and how to stop all.
    /// Other texters who named the number keep it (an outreach worker may know one texter and not another); it is not
    /// a no for good. Before, the request stayed open, the stranger got a reminder and then "did not understand", and she
    /// heard nothing: her code word was "saved" for a contact who would never agree. Null when no plan names it.
    /// </summary>
    private async Task<CheckInReply?> WrongNumberAsync(string contactKey, ContactNumberRecord record, CancellationToken cancellationToken)
    {
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
            await links.ReleaseAsync(contactKey, texterKey, cancellationToken);
            await marks.MarkAsync(TexterMarks.WrongNumber, TexterMarks.PairOf(texterKey, contactKey), WrongNumberKeptFor, cancellationToken);
            await outbound.SendAsync(before.TexterNumber, texts.In(before.Language).BuddyLeft, "buddy_left", cancellationToken);
        }
        return language is null ? null : CheckInReply.Of(texts.In(language).BuddyWrongNumberAck, "buddy_wrong_number_ack");
    }

    /// <summary>NO from a number some plan names (asked or agreed): it leaves them all, for good.</summary>
    private async Task<CheckInReply?> DeclinesAsync(string contactKey, ContactNumberRecord record, CancellationToken cancellationToken)
    {
        SafetyPlan? naming = null;
        foreach (var texterKey in record.Linked())
        {
            if (await plans.PlanAsync(texterKey, cancellationToken) is { } plan && plan.Contact?.Key == contactKey) naming ??= plan;
        }
        if (naming is null) return null; // no plan names it any more: an ordinary "no"
        await LeavesAsync(contactKey, ContactLeaving.SaidNo, cancellationToken);
        return CheckInReply.Of(texts.In(record.Language ?? naming.Language).BuddyDeclineAck, "buddy_decline_ack", KeywordAction.Decline);
    }

    /// <summary>
    /// The number stops being a contact (a NO or STOP from it: declined, for good; its FORGET: deleted): taken off
    /// every plan that names it, and each texter told once, so that no one counts on a contact who is gone. Only a texter
    /// whose request it answered with NO is told "Your safety contact said no"; the others hear that it will not get
    /// texts from this line now. A STOP, or a NO after agreeing (perhaps in answer to an alert), is often not her
    /// contact's word at all: a number changes hands, and its new owner stops texts from a stranger. She once read that as
    /// her friend refusing her.
    /// </summary>
    public async Task LeavesAsync(string contactKey, ContactLeaving how, CancellationToken cancellationToken)
    {
        var declined = how != ContactLeaving.Forgot;
        var record = await plans.ContactAsync(contactKey, cancellationToken);
        if (record is null) return;
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
            if (declined) usage.Record([CheckInMetrics.ContactDeclined], time.GetUtcNow());
        }
        if (declined) await links.DeclinedForGoodAsync(contactKey, record, cancellationToken);
        else if (record.Declined) await plans.UpdateContactAsync(contactKey, _ => new ContactNumberRecord { Declined = true }, cancellationToken);
        else await plans.DeleteContactAsync(contactKey, cancellationToken);
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

    /// <summary>
    /// The name her contact will know her by, or none ("Someone you know") when it holds a word no text of the line may
    /// show on a lock screen, in either language: it opens the request and every alert, on a phone that may not be theirs
    /// alone, and a name is anyone's to type.
    /// </summary>
    private string? ShowableName(string? name) =>
        name is not null && engine.Flow.Languages.Values.Any(flow => LockScreenCheck.WordsShown(name, flow.SensitiveWords).Count > 0) ? null : name;
}
