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
/// What the asked number texts is <see cref="SafetyContactAnswers"/>'s; a contact who leaves, or a request that could
/// not be delivered, <see cref="SafetyContactLeaving"/>'s.
/// </summary>
public sealed class SafetyContacts(
    ConversationEngine engine,
    SafetyPlans plans,
    TexterMarks marks,
    SenderKeys senderKeys,
    ISessionStore sessions,
    CheckInTexts texts,
    ContactLinks links,
    CheckInSends contactSends,
    UsageRecorder usage,
    IOptions<CheckInOptions> options,
    IOptions<TwilioApiOptions> provider)
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

    /// <param name="plan">Her plan as her text read it.</param>
    /// <param name="now">When the line got her text: the same on every run of it, so a run again knows its first run's request.</param>
    public async Task<CheckInReply> AskAsync(
        string from, string senderKey, string language, CheckInCommand.AddBuddy add, SafetyPlan? plan, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var messages = texts.In(language);
        var number = ContactNumbers.Usable(add.Number, from, [provider.Value.From, options.Value.StaffNumber]);
        if (number is null) return CheckInReply.Of(messages.BuddyRefused, "buddy_refused");
        var contactKey = senderKeys.KeyOf(number);
        var name = ShowableName(add.Name);
        // Her text run again after a version conflict (her session saved meanwhile by another instance): its first run
        // asked this very number, at this very time. Read as her one request of the day, it told her "one person a day".
        if (plan?.Contact?.Key == contactKey && plan.LastContactRequestAt == now) return Requested(messages, senderKey, name, now);
        // Her BUDDY again, within the day, for the number her plan asks and who has not answered: her first one may have
        // got the fallback ("something went wrong") after its request was queued. "One person a day" left her not
        // knowing whether they were asked. She is told they were, and the request is queued again under its own id,
        // which the outbox sends once: they get one request, now if the first never reached the outbox. Her one-a-day mark
        // is set again for what is left of the day, in case a fault came between her plan's write and the mark.
        if (plan?.Contact is { Agreed: false } asked && asked.Key == contactKey
            && plan.LastContactRequestAt is { } askedAt && now - askedAt < ContactRequestsEvery)
        {
            await marks.MarkAsync(TexterMarks.ContactAsked, senderKey, askedAt + ContactRequestsEvery - now, cancellationToken);
            await SendRequestAsync(senderKey, plan.Id, asked, askedAt, cancellationToken);
            // Counted by the run that asked, once its session was saved; that run may have got the fallback after it
            // asked, and then this one counts it.
            return plan.ContactRequestCountedAt == askedAt ? RequestedReply(messages, asked.Name) : Requested(messages, senderKey, asked.Name, askedAt);
        }
        if (plan?.LastContactRequestAt is { } last && now - last < ContactRequestsEvery) return CheckInReply.Of(messages.BuddyLimit, "buddy_limit");
        if (await marks.IsMarkedAsync(TexterMarks.ContactAsked, senderKey, cancellationToken)) return CheckInReply.Of(messages.BuddyLimit, "buddy_limit");

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
            var thisWeek = UntakenAskDropped(record, senderKey, now).Where(at => now - at < TimeSpan.FromDays(7)).ToList();
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

        var previous = plan?.Contact;
        var written = await plans.UpdatePlanAsync(senderKey, current => (current ?? SafetyPlan.For(from, language)) with
        {
            Contact = new SafetyContact(number, name, contactKey, Agreed: false, now, contactLanguage),
            LastContactRequestAt = now,
            Language = language,
            ContactLostAt = null, // a contact lost before is replaced: nothing left to tell her
        }, cancellationToken);
        // Marked once her plan asks them, not before: a BUDDY whose plan write failed asked no one, and marked first it
        // left her "You can ask one person a day" with no one asked. A fault between the two is mended by her BUDDY
        // again for that number (below).
        await marks.MarkAsync(TexterMarks.ContactAsked, senderKey, ContactRequestsEvery, cancellationToken);
        if (previous is not null && previous.Key != contactKey) await links.ReleaseAsync(previous.Key, senderKey, cancellationToken);
        await SendRequestAsync(senderKey, written?.Id, new SafetyContact(number, name, contactKey, Agreed: false, now, contactLanguage), now,
            cancellationToken);
        return Requested(messages, senderKey, name, now);
    }

    /// <summary>
    /// The number's asks, less her own of this day that never took: she was the last to ask it, within the day, and yet
    /// her plan holds no request of that day (she would not be asking afresh). Her plan's write failed after this
    /// record counted the ask, and she got the fallback; her BUDDY again is that ask, not one more of their 3 a week.
    /// </summary>
    private static IEnumerable<DateTimeOffset> UntakenAskDropped(ContactNumberRecord record, string senderKey, DateTimeOffset now)
    {
        if (record.TexterKey != senderKey || record.RequestedAt.Count == 0) return record.RequestedAt;
        var last = record.RequestedAt.Max();
        if (now - last >= ContactRequestsEvery) return record.RequestedAt;
        var asks = record.RequestedAt.ToList();
        asks.Remove(last); // hers alone: another texter may have asked at that same moment
        return asks;
    }

    private Task SendRequestAsync(string senderKey, string? planId, SafetyContact asked, DateTimeOffset askedAt, CancellationToken cancellationToken) =>
        contactSends.SendRequestAsync(new CheckInSend(senderKey, asked.Key, CheckInSendKind.Request, planId), askedAt, asked.Number,
            texts.ForContact(texts.In(asked.Language).BuddyRequest, asked.Name, askedAt, asked.Language ?? Flow.DefaultLanguage), cancellationToken);

    /// <summary>
    /// "We asked your contact", counted once her session is saved with it: a run of her text that lost its save counts
    /// nothing. Her plan notes the request as counted first, so her BUDDY again counts it only if this never did.
    /// </summary>
    private CheckInReply Requested(Messages messages, string senderKey, string? name, DateTimeOffset askedAt) =>
        RequestedReply(messages, name) with
        {
            OnceSaved = async cancellationToken =>
            {
                await plans.UpdatePlanAsync(senderKey, current => current?.LastContactRequestAt == askedAt
                    ? current with { ContactRequestCountedAt = askedAt }
                    : current, cancellationToken);
                usage.Record([CheckInMetrics.ContactAsked], askedAt);
            },
        };

    // With no name it could show, the request and every alert say "Someone you know": she is told, or her contact
    // would read "Someone you know has not checked in... Please try to reach them" and not know whom to reach.
    private static CheckInReply RequestedReply(Messages messages, string? name) =>
        name is null
            ? CheckInReply.Of(messages.BuddyRequestedNoName, "buddy_requested_no_name")
            : CheckInReply.Of(messages.BuddyRequested, "buddy_requested");

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
    /// The name her contact will know her by, or none ("Someone you know") when it holds a word no text of the line may
    /// show on a lock screen, in either language: it opens the request and every alert, on a phone that may not be theirs
    /// alone, and a name is anyone's to type.
    /// </summary>
    private string? ShowableName(string? name) =>
        name is not null && engine.Flow.Languages.Values.Any(flow => LockScreenCheck.WordsShown(name, flow.SensitiveWords).Count > 0) ? null : name;
}
