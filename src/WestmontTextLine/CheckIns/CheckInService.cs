using Microsoft.Extensions.Options;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Flows.Checks;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// The safety check-in and safety contact, by text: CHECK starts a timer (durable, see <see cref="CheckInWorker"/>),
/// OK ends it, BUDDY asks someone to be her contact (they must reply YES), CODEWORD sets a word that alerts them at
/// once. Every text it sends goes through the outbox (<see cref="IOutboundTexts"/>), to people who asked for it.
/// Called for a texter's text after the engine's own first answers (a retry, STOP, an opt-out, an emergency) and
/// before the menu.
/// </summary>
public sealed class CheckInService(
    ConversationEngine engine,
    SafetyPlans plans,
    TexterMarks marks,
    IScheduledWork work,
    IOutboundTexts outbound,
    SenderKeys senderKeys,
    CheckInTexts texts,
    UsageRecorder usage,
    IOptions<CheckInOptions> options,
    IOptions<TwilioApiOptions> provider,
    CheckInElapsed elapsed,
    CheckInStepTexts stepTexts,
    TimeProvider time)
{
    public static readonly TimeSpan ContactRequestsEvery = TimeSpan.FromDays(1);
    public const int ContactRequestsAWeek = 3;

    /// <summary>
    /// Her code word alerts at most once in this time: sent again and again (by her in fear, or by someone using the
    /// line against her contact or the on-call phone), it would otherwise text them once a text.
    /// </summary>
    public static readonly TimeSpan CodeWordAlertsEvery = TimeSpan.FromMinutes(10);

    /// <summary>The label of the reply to her code word (a harmless "Got it, thanks.").</summary>
    public const string CodeWordAckLabel = "codeword_ack";

    public bool Enabled => outbound.Enabled;

    /// <summary>The reply to a check-in text, or null when the text is not the check-in's (the menu answers it).</summary>
    public async Task<CheckInReply?> TryHandleAsync(string from, string senderKey, Session? session, InboundText text, CancellationToken cancellationToken)
    {
        var command = CheckInWords.Read(text.Body, engine.Flow);
        var language = session?.Language ?? engine.Flow.Keywords.LanguageOfWords(Words.InputText.Normalize(text.Body)) ?? Flow.DefaultLanguage;
        if (command is CheckInCommand.Agree or CheckInCommand.Decline)
        {
            var answer = await ContactAnswersAsync(senderKey, command is CheckInCommand.Agree, cancellationToken);
            if (answer is not null) return answer;
            if (command is CheckInCommand.Agree) return await YesToCheckInTextAsync(senderKey, language, cancellationToken);
        }
        if (command is CheckInCommand.Decline or CheckInCommand.NotSafe)
        {
            // "Reply OK if you are all right." answered "no": the emergency reply, not "did not understand". Her timer
            // runs on, so her contact is still alerted when the grace ends. Otherwise the words are the menu's.
            return await plans.PlanAsync(senderKey, cancellationToken) is { Timer.CheckInSent: true }
                ? Reply(texts.In(language).Emergency, "checkin_not_ok", KeywordAction.Emergency)
                : null;
        }
        // Only a single free word can be a code word: most texts (digits, keywords, topic words) need no look-up.
        var mayBeCodeWord = command is null && CheckInWords.CouldBeCodeWord(text.Body, engine.Flow);
        if (command is null && !mayBeCodeWord) return null;
        var plan = await plans.PlanAsync(senderKey, cancellationToken);
        if (mayBeCodeWord)
        {
            if (plan?.CodeWord is not { } codeWord || !CheckInWords.IsCodeWord(text.Body, codeWord)) return null;
            await CodeWordAlertAsync(senderKey, plan, cancellationToken);
            return Reply(texts.In(language).CodeWordAck, CodeWordAckLabel);
        }
        if (command is null) return null;
        var messages = texts.In(language);
        if (command is CheckInCommand.Safe && plan?.Timer is null)
        {
            // OK after the check-in lapsed: say what happened instead of "not understood". OK with nothing running: the menu's.
            if (await plans.TakeMissedAsync(senderKey, cancellationToken) is not { } missed) return null;
            return missed.ContactAlerted ? Reply(messages.CheckInLateContact, "checkin_late_contact") : Reply(messages.CheckInLate, "checkin_late");
        }
        if (!Enabled) return Reply(messages.CheckInUnavailable, "checkin_unavailable");
        return command switch
        {
            CheckInCommand.SetTimer set => await SetTimerAsync(from, senderKey, language, set.Duration, cancellationToken),
            CheckInCommand.TimerUsage => Reply(messages.CheckInUsage, "checkin_usage"),
            CheckInCommand.Safe => await EndTimerAsync(senderKey, language, cancellationToken),
            CheckInCommand.AddBuddy add => await AskContactAsync(from, senderKey, language, add, plan, cancellationToken),
            CheckInCommand.BuddyUsage => Reply(messages.BuddyUsage, "buddy_usage"),
            CheckInCommand.RemoveBuddy => await RemoveContactAsync(senderKey, language, cancellationToken),
            CheckInCommand.SetCodeWord word => await SetCodeWordAsync(from, senderKey, language, word.Word, cancellationToken),
            CheckInCommand.CodeWordUsage => Reply(messages.CodeWordUsage, "codeword_usage"),
            _ => null,
        };
    }

    /// <summary>
    /// YES or NO: a contact's answer to a request, when it comes from a number the line asked. In a chat with staff the
    /// same words answer the staff member (a contact's NO is for good), so the host does not pass them here then.
    /// </summary>
    public bool IsContactAnswer(InboundText text) => CheckInWords.Read(text.Body, engine.Flow) is CheckInCommand.Agree or CheckInCommand.Decline;

    /// <summary>
    /// YES (SI) while her check-in text waits for her OK: "Reply OK if you are all right." answered "yes", so the timer
    /// ends as for OK. It was START, which showed the menu while the timer ran on and alerted her contact. Otherwise
    /// null: the word is the menu's, or in a chat the staff member's.
    /// </summary>
    private async Task<CheckInReply?> YesToCheckInTextAsync(string senderKey, string language, CancellationToken cancellationToken) =>
        await plans.PlanAsync(senderKey, cancellationToken) is { Timer.CheckInSent: true }
            ? await EndTimerAsync(senderKey, language, cancellationToken)
            : null;

    /// <summary>
    /// A YES or NO in a chat with staff is for staff, never a contact's answer; a YES still ends her check-in when its
    /// text waits for her OK (staff see the text too).
    /// </summary>
    public async Task<CheckInReply?> ContactWordInChatAsync(Session? session, string senderKey, InboundText text, CancellationToken cancellationToken) =>
        CheckInWords.Read(text.Body, engine.Flow) is CheckInCommand.Agree
            ? await YesToCheckInTextAsync(senderKey, session?.Language ?? Flow.DefaultLanguage, cancellationToken)
            : null;

    /// <summary>
    /// She switched language (a language word, or a topic or her own words in the other language): the texts her plan
    /// sends her later (the check-in, a missed check-in, her contact's answer) come in it. Her contact's stay in theirs.
    /// </summary>
    public async Task LanguageChangedAsync(string senderKey, string language, CancellationToken cancellationToken)
    {
        if (await plans.PlanAsync(senderKey, cancellationToken) is not { } plan || plan.Language == language) return;
        await plans.UpdatePlanAsync(senderKey, current => current is null ? null : current with { Language = language }, KeepUntil, cancellationToken);
    }

    /// <summary>STOP from a texter ends her timers and contact; STOP from a contact is a no, for good.</summary>
    public async Task StoppedAsync(string senderKey, CancellationToken cancellationToken)
    {
        await TexterStoppedAsync(senderKey, cancellationToken);
        await ContactLeavesAsync(senderKey, declined: true, cancellationToken);
    }

    /// <summary>What STOP ends for her as a texter: her timer, a missed check-in's note, her plan, and her contact's link to her.</summary>
    public async Task TexterStoppedAsync(string senderKey, CancellationToken cancellationToken)
    {
        var plan = await plans.PlanAsync(senderKey, cancellationToken);
        await work.CancelAsync(WorkKinds.CheckIn, senderKey, cancellationToken);
        await plans.DeleteMissedAsync(senderKey, cancellationToken);
        if (plan is null) return;
        await plans.DeletePlanAsync(senderKey, cancellationToken);
        if (plan.Contact is { } contact) await ReleaseContactAsync(contact.Key, senderKey, cancellationToken);
    }

    /// <summary>
    /// FORGET: every plan and record about the sender, and every number stored for them, deleted; of a contact who said
    /// no, only that mark is kept (as an opt-out is), or anyone could ask them again.
    /// </summary>
    public async Task ForgottenAsync(string senderKey, CancellationToken cancellationToken)
    {
        await TexterStoppedAsync(senderKey, cancellationToken);
        await ContactLeavesAsync(senderKey, declined: false, cancellationToken);
    }

    private async Task<CheckInReply> SetTimerAsync(string from, string senderKey, string language, TimeSpan duration, CancellationToken cancellationToken)
    {
        var setAt = time.GetUtcNow();
        var dueAt = setAt + duration;
        await plans.UpdatePlanAsync(senderKey, plan => (plan ?? NewPlan(from, language)) with { Timer = new CheckInTimer(dueAt), Language = language },
            KeepUntil, cancellationToken);
        // A second CHECK moves the timer, later or sooner: the old one goes.
        await work.CancelAsync(WorkKinds.CheckIn, senderKey, cancellationToken);
        await work.ScheduleAsync(WorkKinds.CheckIn, senderKey, dueAt, cancellationToken: cancellationToken);
        elapsed.Started(senderKey, new CheckInTimer(dueAt), duration);
        usage.Record([CheckInMetrics.Started], time.GetUtcNow());
        return Reply(texts.Set(setAt, dueAt, language), "checkin_set");
    }

    /// <summary>
    /// Her code word alerts her contact and the on-call phone, unless it already alerted the same people in the last
    /// <see cref="CodeWordAlertsEvery"/> (a contact who agreed since is alerted at once).
    /// </summary>
    private async Task CodeWordAlertAsync(string senderKey, SafetyPlan plan, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var alert = new CodeWordAlert(now, plan.Contact is { Agreed: true } contact ? contact.Key : null);
        if (plan.LastCodeWordAlert is { } last && last.ContactKey == alert.ContactKey && now - last.At < CodeWordAlertsEvery) return;
        // Queued before it is noted, and noted in one write: on Redis, a note sent while Redis was paused was applied
        // when it resumed, after her text had the safety reply and before any alert was queued, so the word sent again
        // alerted no one for 10 minutes. A fault now may at worst alert twice.
        var alerted = await SendAlertsAsync(senderKey, plan, codeWord: true, now, cancellationToken);
        await plans.UpdatePlanAsync(senderKey, current => current is null
            ? null
            : WithContactUsed(current with { LastCodeWordAlert = alert }, alerted, now, agreed: false), KeepUntil, cancellationToken);
        if (alerted is not null) await ContactRecordUsedAsync(alerted, now, cancellationToken);
        usage.Record([CheckInMetrics.CodeWord], now);
    }

    private async Task<CheckInReply> EndTimerAsync(string senderKey, string language, CancellationToken cancellationToken)
    {
        await plans.UpdatePlanAsync(senderKey, plan => plan is null ? null : plan with { Timer = null, Language = language }, KeepUntil, cancellationToken);
        await work.CancelAsync(WorkKinds.CheckIn, senderKey, cancellationToken);
        usage.Record([CheckInMetrics.EndedByOk], time.GetUtcNow());
        return Reply(texts.In(language).CheckInStopped, "checkin_stopped");
    }

    private async Task<CheckInReply> AskContactAsync(
        string from, string senderKey, string language, CheckInCommand.AddBuddy add, SafetyPlan? plan, CancellationToken cancellationToken)
    {
        var messages = texts.In(language);
        var now = time.GetUtcNow();
        var number = ContactNumbers.Usable(add.Number, from, [provider.Value.From, options.Value.StaffNumber]);
        if (number is null) return Reply(messages.BuddyRefused, "buddy_refused");
        if (plan?.LastContactRequestAt is { } last && now - last < ContactRequestsEvery) return Reply(messages.BuddyLimit, "buddy_limit");
        if (await marks.IsMarkedAsync(TexterMarks.ContactAsked, senderKey, cancellationToken)) return Reply(messages.BuddyLimit, "buddy_limit");

        var contactKey = senderKeys.KeyOf(number);
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
        if (refused) return Reply(messages.BuddyNotAsked, "buddy_not_asked");
        await marks.MarkAsync(TexterMarks.ContactAsked, senderKey, ContactRequestsEvery, cancellationToken);

        var previous = plan?.Contact;
        var name = ShowableName(add.Name);
        await plans.UpdatePlanAsync(senderKey, current => (current ?? NewPlan(from, language)) with
        {
            Contact = new SafetyContact(number, name, contactKey, Agreed: false, now, contactLanguage),
            LastContactRequestAt = now,
            Language = language,
        }, KeepUntil, cancellationToken);
        if (previous is not null && previous.Key != contactKey) await ReleaseContactAsync(previous.Key, senderKey, cancellationToken);
        await SendToContactAsync(new CheckInSend(senderKey, contactKey, CheckInSendKind.Request), number,
            texts.ForContact(texts.In(contactLanguage).BuddyRequest, name, now, contactLanguage), "buddy_request", cancellationToken);
        usage.Record([CheckInMetrics.ContactAsked], now);
        return Reply(messages.BuddyRequested, "buddy_requested");
    }

    private async Task<CheckInReply> RemoveContactAsync(string senderKey, string language, CancellationToken cancellationToken)
    {
        SafetyContact? removed = null;
        await plans.UpdatePlanAsync(senderKey, plan =>
        {
            removed = plan?.Contact;
            return plan is null ? null : plan with { Contact = null };
        }, KeepUntil, cancellationToken);
        if (removed is not null) await ReleaseContactAsync(removed.Key, senderKey, cancellationToken);
        return Reply(texts.In(language).BuddyRemoved, "buddy_removed");
    }

    private async Task<CheckInReply> SetCodeWordAsync(string from, string senderKey, string language, string word, CancellationToken cancellationToken)
    {
        var plan = await plans.UpdatePlanAsync(senderKey, plan => (plan ?? NewPlan(from, language)) with { CodeWord = word, Language = language },
            KeepUntil, cancellationToken);
        var messages = texts.In(language);
        // The reply promises an alert only to a contact who has agreed: the word alerts no one else she knows.
        return plan?.Contact switch
        {
            { Agreed: true } => Reply(messages.CodeWordSet, "codeword_set"),
            not null => Reply(messages.CodeWordSetPending, "codeword_set_pending"),
            null => Reply(messages.CodeWordSetNoContact, "codeword_set_no_contact"),
        };
    }

    /// <summary>
    /// A YES or NO from a number the line asked to be someone's contact; anything else is not the check-in's. YES
    /// answers the last request; NO leaves every texter who named the number ("You will not get these texts").
    /// </summary>
    private async Task<CheckInReply?> ContactAnswersAsync(string contactKey, bool agreed, CancellationToken cancellationToken)
    {
        var record = await plans.ContactAsync(contactKey, cancellationToken);
        if (record is null || record.Declined) return null;
        if (!agreed) return await ContactDeclinesAsync(contactKey, record, cancellationToken);
        if (await OpenRequestAsync(contactKey, record, cancellationToken) is not { } open) return null;
        var (texterKey, plan) = open;

        var now = time.GetUtcNow();
        await ContactUsedAsync(texterKey, contactKey, now, agreed: true, cancellationToken);
        await outbound.SendAsync(plan.TexterNumber, texts.In(plan.Language).BuddyAgreed, "buddy_agreed", cancellationToken);
        usage.Record([CheckInMetrics.ContactAgreed], now);
        return Reply(texts.In(record.Language ?? plan.Language).BuddyThanks, "buddy_thanks", KeywordAction.Start);
    }

    /// <summary>
    /// A text from a number asked to be someone's contact, answered with the welcome ("who is this?", "sure", "yes I
    /// will"): the line says how to answer instead, once a conversation, so that a yes in other words does not leave her
    /// request open without anyone knowing. MENU still gets the menu. Only a text the line welcomes costs this look-up.
    /// </summary>
    public async Task<CheckInReply?> ContactReminderAsync(string senderKey, InboundText text, CancellationToken cancellationToken)
    {
        if (engine.Flow.Keywords.MatchWhole(Words.InputText.Normalize(text.Body)).Action == KeywordAction.Menu) return null;
        var record = await plans.ContactAsync(senderKey, cancellationToken);
        if (record is not { Declined: false } || await OpenRequestAsync(senderKey, record, cancellationToken) is not { } open) return null;
        return Reply(texts.In(record.Language ?? open.Plan.Language).BuddyRequestReminder, "buddy_request_reminder");
    }

    /// <summary>The texter whose request this contact can still answer (the last one, not yet agreed) and her plan, if any.</summary>
    private async Task<(string TexterKey, SafetyPlan Plan)?> OpenRequestAsync(string contactKey, ContactNumberRecord record,
        CancellationToken cancellationToken)
    {
        if (record.TexterKey is not { } texterKey) return null;
        var plan = await plans.PlanAsync(texterKey, cancellationToken);
        return plan?.Contact is { Agreed: false } contact && contact.Key == contactKey ? (texterKey, plan) : null;
    }

    /// <summary>NO from a number some plan names (asked or agreed): it leaves them all, for good.</summary>
    private async Task<CheckInReply?> ContactDeclinesAsync(string contactKey, ContactNumberRecord record, CancellationToken cancellationToken)
    {
        SafetyPlan? naming = null;
        foreach (var texterKey in record.Linked())
        {
            if (await plans.PlanAsync(texterKey, cancellationToken) is { } plan && plan.Contact?.Key == contactKey) naming ??= plan;
        }
        if (naming is null) return null; // no plan names it any more: an ordinary "no"
        await ContactLeavesAsync(contactKey, declined: true, cancellationToken);
        return Reply(texts.In(record.Language ?? naming.Language).BuddyDeclineAck, "buddy_decline_ack", KeywordAction.Decline);
    }

    /// <summary>
    /// The number stops being a contact (a NO or STOP from it: declined, for good; its FORGET: deleted): taken off
    /// every plan that names it, and each texter told once, so that no one counts on a contact who is gone.
    /// </summary>
    private async Task ContactLeavesAsync(string contactKey, bool declined, CancellationToken cancellationToken)
    {
        var record = await plans.ContactAsync(contactKey, cancellationToken);
        if (record is null) return;
        foreach (var texterKey in record.Linked())
        {
            SafetyPlan? before = null;
            await plans.UpdatePlanAsync(texterKey, plan =>
            {
                before = plan;
                return plan?.Contact?.Key == contactKey ? plan with { Contact = null } : plan;
            }, KeepUntil, cancellationToken);
            if (before?.Contact?.Key != contactKey) continue;
            var messages = texts.In(before.Language);
            if (declined)
            {
                await outbound.SendAsync(before.TexterNumber, messages.BuddyDeclined, "buddy_declined", cancellationToken);
                usage.Record([CheckInMetrics.ContactDeclined], time.GetUtcNow());
            }
            else
            {
                await outbound.SendAsync(before.TexterNumber, messages.BuddyLeft, "buddy_left", cancellationToken);
            }
        }
        if (declined) await DeclinedForGoodAsync(contactKey, record, cancellationToken);
        else if (record.Declined) await plans.UpdateContactAsync(contactKey, _ => new ContactNumberRecord { Declined = true }, cancellationToken);
        else await plans.DeleteContactAsync(contactKey, cancellationToken);
    }

    /// <summary>A contact who is never asked again (a no, a STOP, an opt-out at the carrier), linked to nobody.</summary>
    private Task DeclinedForGoodAsync(string contactKey, ContactNumberRecord ifNone, CancellationToken cancellationToken) =>
        plans.UpdateContactAsync(contactKey, current => (current ?? ifNone) with { TexterKey = null, Texters = [], Declined = true }, cancellationToken);

    /// <summary>A contact no longer linked to this texter: her key leaves its record, which keeps what the weekly limit and other plans need.</summary>
    private Task ReleaseContactAsync(string contactKey, string texterKey, CancellationToken cancellationToken) =>
        plans.UpdateContactAsync(contactKey, record => record is null ? null : record with
        {
            TexterKey = record.TexterKey == texterKey ? null : record.TexterKey,
            Language = record.TexterKey == texterKey ? null : record.Language,
            Texters = [.. record.Texters.Where(key => key != texterKey)],
        }, cancellationToken);

    /// <summary>
    /// Her contact agreed (<paramref name="agreed"/>) or was alerted: her plan keeps them, and their record (its link to
    /// her) is kept as long as her plan does.
    /// </summary>
    private async Task ContactUsedAsync(string texterKey, string contactKey, DateTimeOffset at, bool agreed, CancellationToken cancellationToken)
    {
        await plans.UpdatePlanAsync(texterKey, current => WithContactUsed(current, contactKey, at, agreed), KeepUntil, cancellationToken);
        await ContactRecordUsedAsync(contactKey, at, cancellationToken);
    }

    private static SafetyPlan? WithContactUsed(SafetyPlan? current, string? contactKey, DateTimeOffset at, bool agreed) =>
        contactKey is not null && current?.Contact?.Key == contactKey
            ? current with { Contact = current.Contact with { Agreed = agreed || current.Contact.Agreed, LastUsedAt = at } }
            : current;

    private Task ContactRecordUsedAsync(string contactKey, DateTimeOffset at, CancellationToken cancellationToken) =>
        plans.UpdateContactAsync(contactKey, record => record is null ? null : record with { LastUsedAt = at }, cancellationToken);

    /// <summary>The contact (when they agreed) and the on-call phone are alerted; she is not told, so her phone shows nothing.</summary>
    /// <param name="step">For a missed check-in, the timer's step, whose alerts are queued once however often it runs.</param>
    public async Task AlertAsync(string texterKey, SafetyPlan plan, bool codeWord, DateTimeOffset at, CancellationToken cancellationToken,
        CheckInStep? step = null)
    {
        if (await SendAlertsAsync(texterKey, plan, codeWord, at, cancellationToken, step) is { } alerted)
        {
            await ContactUsedAsync(texterKey, alerted, time.GetUtcNow(), agreed: false, cancellationToken);
        }
    }

    /// <summary>Queues the alerts to the contact (when they agreed) and the on-call phone; returns the contact's key when alerted.</summary>
    private async Task<string?> SendAlertsAsync(string texterKey, SafetyPlan plan, bool codeWord, DateTimeOffset at, CancellationToken cancellationToken,
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
                // Her phone must show nothing after a code word, so she is never texted about this alert's fate.
                await outbound.SendOrNothingAsync(contact.Number, texts.ForContact(messages.AlertCodeWord, contact.Name, at, language), "alert_codeword",
                    cancellationToken);
            }
            else
            {
                await SendToContactAsync(new CheckInSend(texterKey, contact.Key, CheckInSendKind.AlertMissed), contact.Number,
                    texts.ForContact(messages.AlertMissed, contact.Name, at, language), "alert_missed", cancellationToken, step);
            }
            alerted = contact.Key;
        }
        // The on-call phone hears of one texter's code word once in ten minutes, even across STOP or FORGET (which
        // delete her plan and so its note of the last alert).
        if (ContactNumbers.Staff(options.Value.StaffNumber) is { } staff
            && !(codeWord && await marks.IsMarkedAsync(TexterMarks.CodeWordAlerted, texterKey, cancellationToken)))
        {
            var english = texts.In(Flow.DefaultLanguage);
            var alert = texts.Time(english.AlertStaff, at, Flow.DefaultLanguage).Replace("{texter}", Pseudonym.Of(texterKey), StringComparison.Ordinal);
            if (step is null) await outbound.SendOrNothingAsync(staff, alert, "alert_staff", cancellationToken);
            else await stepTexts.SendAsync(step, staff, alert, "alert_staff", cancellationToken);
            if (codeWord) await marks.MarkAsync(TexterMarks.CodeWordAlerted, texterKey, CodeWordAlertsEvery, cancellationToken);
        }
        return alerted;
    }

    /// <summary>
    /// A text to her contact whose failure she must hear of: noted under its outbox id before it is queued. An alert is
    /// queued all or nothing (the check-in worker queues it again after a failure); a request is not (her plan already
    /// names the contact, and BUDDY sent again would meet the one-a-day limit).
    /// </summary>
    private async Task SendToContactAsync(CheckInSend send, string number, string body, string label, CancellationToken cancellationToken,
        CheckInStep? step = null)
    {
        var id = step is null ? OutboundTexts.NewId() : CheckInStepTexts.IdOf(step, label);
        await plans.RememberSendAsync(id, send, cancellationToken);
        if (step is not null) await stepTexts.SendAsync(step, number, body, label, cancellationToken);
        else if (send.Kind == CheckInSendKind.AlertMissed) await outbound.SendAsOrNothingAsync(id, number, body, label, cancellationToken);
        else await outbound.SendAsAsync(id, number, body, label, cancellationToken);
    }

    /// <summary>
    /// The alert of her missed check-in was refused or not delivered: her contact does not know. She gets what she would
    /// have got with no contact (911 and the hotline), saying her contact could not be reached, and her late OK will
    /// not say that they were texted.
    /// </summary>
    public async Task AlertNotDeliveredAsync(CheckInSend send, CancellationToken cancellationToken)
    {
        await plans.ContactNotReachedAsync(send.TexterKey, cancellationToken);
        if (await plans.PlanAsync(send.TexterKey, cancellationToken) is not { } plan) return; // STOP or FORGET meanwhile
        await outbound.SendAsync(plan.TexterNumber, texts.In(plan.Language).CheckInMissedUnreached, "checkin_missed_unreached", cancellationToken);
    }

    /// <summary>
    /// The request to be her contact was refused or not delivered: they cannot answer it. The contact is taken off her
    /// plan (she may name someone else at once, not a day later), and she is told. A number that opted out at the
    /// carrier (21610) is never asked again, as after a STOP.
    /// </summary>
    public async Task RequestNotDeliveredAsync(CheckInSend send, int? errorCode, CancellationToken cancellationToken)
    {
        SafetyPlan? before = null;
        await plans.UpdatePlanAsync(send.TexterKey, plan =>
        {
            before = plan;
            return plan?.Contact is { Agreed: false } contact && contact.Key == send.ContactKey
                ? plan with { Contact = null, LastContactRequestAt = null }
                : plan;
        }, KeepUntil, cancellationToken);
        if (before?.Contact is not { Agreed: false } asked || asked.Key != send.ContactKey) return; // answered, replaced or removed meanwhile
        await marks.LiftAsync(TexterMarks.ContactAsked, send.TexterKey, cancellationToken);
        if (errorCode == OutboundTextWorker.OptedOutCode)
            await DeclinedForGoodAsync(send.ContactKey, new ContactNumberRecord(), cancellationToken);
        else
            await ReleaseContactAsync(send.ContactKey, send.TexterKey, cancellationToken);
        await outbound.SendAsync(before.TexterNumber, texts.In(before.Language).BuddyUnreachable, "buddy_unreachable", cancellationToken);
    }

    /// <summary>A plan is kept while its timer may still fire, and while its contact was used in the last 30 days.</summary>
    public DateTimeOffset KeepUntil(SafetyPlan plan)
    {
        var until = time.GetUtcNow() + TimeSpan.FromDays(1);
        if (plan.Timer is { } timer) until = Later(until, timer.DueAt + options.Value.Grace + TimeSpan.FromDays(1));
        if (plan.Contact is { } contact) until = Later(until, contact.LastUsedAt + options.Value.BuddyUnusedFor);
        return until;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>
    /// The name her contact will know her by, or none ("Someone you know") when it holds a word no text of the line may
    /// show on a lock screen, in either language: it opens the request and every alert, on a phone that may not be theirs
    /// alone, and a name is anyone's to type.
    /// </summary>
    private string? ShowableName(string? name) =>
        name is not null && engine.Flow.Languages.Values.Any(flow => LockScreenCheck.WordsShown(name, flow.SensitiveWords).Count > 0) ? null : name;

    private static SafetyPlan NewPlan(string from, string language) => new() { TexterNumber = from, Language = language };

    private static CheckInReply Reply(string text, string label, KeywordAction keyword = KeywordAction.None) => new(text, keyword, label);
}
