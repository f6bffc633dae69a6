using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Outbound;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// The safety check-in and safety contact, by text: CHECK starts a timer (<see cref="CheckInTimers"/>, fired by
/// <see cref="CheckInWorker"/>), OK ends it, BUDDY asks someone to be her contact (<see cref="SafetyContacts"/>; they
/// must reply YES), CODEWORD sets a word that alerts them at once (<see cref="CheckInCodeWord"/>). Every text it sends
/// goes through the outbox (<see cref="IOutboundTexts"/>), to people who asked for it. Called for a texter's text after
/// the engine's own first answers (a retry, STOP, an opt-out, an emergency) and before the menu.
/// </summary>
public sealed class CheckInService(
    ConversationEngine engine,
    SafetyPlans plans,
    IOutboundTexts outbound,
    CheckInTexts texts,
    CheckInTimers timers,
    SafetyContacts contacts,
    SafetyContactAnswers contactAnswers,
    SafetyContactLeaving contactLeaving,
    ContactLinks links,
    CheckInCodeWord codeWords,
    LostContacts lost,
    StopsOfHeldTexts stops)
{
    public bool Enabled => outbound.Enabled;

    /// <summary>The reply to a check-in text, or null when the text is not the check-in's (the menu answers it).</summary>
    public async Task<CheckInReply?> TryHandleAsync(string from, string senderKey, Session? session, InboundText text, CancellationToken cancellationToken)
    {
        var command = CheckInWords.Read(text.Body, engine.Flow);
        var language = session?.Language ?? engine.LanguageOfWords(text.Body) ?? Flow.DefaultLanguage;
        // "y", "k", a thumbs-up: an answer to her check-in text only; with none waiting, the menu's (or in a chat, staff's).
        // A plan kept from before these words were listed may have one as its code word ("yeah"): that comes first.
        if (command is CheckInCommand.YesToCheckIn)
            return await codeWords.AnswerAsync(senderKey, await plans.PlanAsync(senderKey, cancellationToken), text.Body, language, cancellationToken)
                ?? await YesToCheckInTextAsync(senderKey, language, cancellationToken);
        if (command is CheckInCommand.Agree or CheckInCommand.Decline or CheckInCommand.NotSafe)
        {
            // Her own check-in text waiting for her OK comes first, also when she is someone's safety contact: her "no"
            // to "Reply OK if you are all right." once answered as a contact's NO ("OK. You will not get these texts."),
            // with no emergency reply, and took her off the plans of everyone who named her.
            if (await AnswerToCheckInTextAsync(senderKey, command, language, cancellationToken) is { } toCheckIn) return toCheckIn;
            return command is CheckInCommand.NotSafe
                ? null
                : await contactAnswers.AnswerAsync(senderKey, command is CheckInCommand.Agree, session, text.MessageSid, cancellationToken);
        }
        // Only a single free word can be a code word: most texts (digits, keywords, topic words) need no look-up.
        var mayBeCodeWord = command is null && CheckInWords.CouldBeCodeWord(text.Body, engine.Flow);
        if (command is null && !mayBeCodeWord) return null;
        var plan = await plans.PlanAsync(senderKey, cancellationToken);
        if (mayBeCodeWord) return await codeWords.AnswerAsync(senderKey, plan, text.Body, language, cancellationToken);
        if (command is null) return null;
        var messages = texts.In(language);
        if (command is CheckInCommand.Safe && plan?.Timer is null)
        {
            // OK after the check-in lapsed: say what happened instead of "not understood". OK with nothing running: the menu's.
            // The note goes once her session is saved with the reply: her text run again after a version conflict finds it too.
            if (await plans.MissedAsync(senderKey, cancellationToken) is not { } missed) return null;
            return (missed.ContactAlerted
                ? CheckInReply.Of(messages.CheckInLateContact, "checkin_late_contact")
                : CheckInReply.Of(messages.CheckInLate, "checkin_late")) with { OnceSaved = DeleteMissedOnceSaved(senderKey) };
        }
        // Everything below texts her first, by SMS: not possible to a WhatsApp address, a short code or a sender's name.
        if (!Enabled || !PhoneNumberAddress.Is(from)) return CheckInReply.Of(messages.CheckInUnavailable, "checkin_unavailable");
        // A contact lost for good since she last texted (an alert that could not be delivered): she hears of it as she
        // uses her plan again. BUDDY and BUDDY OFF replace or remove the contact, and so need no word of it.
        if (command is not (CheckInCommand.AddBuddy or CheckInCommand.RemoveBuddy)) await lost.TellOnceAsync(from, senderKey, plan, cancellationToken);
        // A plan with a contact that lapsed unused (30 days): her CHECK or CODEWORD would count on a contact the line no
        // longer has, so she hears once that they were taken off. Not after her old code word (the line no longer knows
        // it: "did not understand", with 911, is all her phone shows), nor at a first text: only as she uses a plan.
        if (plan is null && command is (CheckInCommand.SetTimer or CheckInCommand.SetCodeWord)
            && await plans.TakeContactLapseAsync(senderKey, cancellationToken))
            await outbound.SendAsync(from, messages.BuddyLapsed, "buddy_lapsed", cancellationToken);
        return command switch
        {
            CheckInCommand.SetTimer set => await timers.SetAsync(from, senderKey, language, set.Duration, plan, text.ReceivedAt, cancellationToken),
            CheckInCommand.TimerUsage => CheckInReply.Of(messages.CheckInUsage, "checkin_usage"),
            CheckInCommand.Safe => timers.End(senderKey, language),
            CheckInCommand.AddBuddy add => await contacts.AskAsync(from, senderKey, language, add, plan, text.ReceivedAt, cancellationToken),
            CheckInCommand.BuddyUsage => CheckInReply.Of(messages.BuddyUsage, "buddy_usage"),
            CheckInCommand.RemoveBuddy => await contacts.RemoveAsync(senderKey, language, cancellationToken),
            CheckInCommand.SetCodeWord word => await codeWords.SetAsync(from, senderKey, language, word.Word, cancellationToken),
            CheckInCommand.CodeWordUsage => CheckInReply.Of(messages.CodeWordUsage, "codeword_usage"),
            _ => null,
        };
    }

    // A method of its own: a lambda in TryHandleAsync capturing its parameter made its closure for every text.
    private Func<CancellationToken, Task> DeleteMissedOnceSaved(string senderKey) => token => plans.DeleteMissedAsync(senderKey, token);

    /// <summary>
    /// A Twilio retry of her text (the same MessageSid), answered with its saved answer again: what that answer does once
    /// saved, if its first run left it undone. An OK's "The check-in is off" (a late OK's "Glad you are OK...") is saved
    /// before the OK ends her timer (takes the note of her lapsed check-in); when that write failed she got the fallback,
    /// and the retry repeated "The check-in is off" while the timer ran on, to text her and, past its grace, alert her
    /// contact (and the note gave her next OK "Glad you are OK" again). Done once the retry's session is saved, as the
    /// first run's would have been; null when nothing was left.
    /// </summary>
    public async Task<Func<CancellationToken, Task>?> RetriedAsync(string senderKey, Session? session, string? repeated, CancellationToken cancellationToken)
    {
        if (repeated is null || session is null) return null;
        var messages = texts.In(session.Language);
        if (repeated == messages.CheckInStopped)
            return await plans.PlanAsync(senderKey, cancellationToken) is { Timer: not null } ? timers.End(senderKey, session.Language).OnceSaved : null;
        if (repeated == messages.CheckInLate || repeated == messages.CheckInLateContact)
            return await plans.MissedAsync(senderKey, cancellationToken) is null ? null : token => plans.DeleteMissedAsync(senderKey, token);
        return null;
    }

    /// <summary>
    /// YES or NO: a contact's answer to a request, when it comes from a number the line asked. In a chat with staff the
    /// same words answer the staff member (a contact's NO is for good), so the host does not pass them here then.
    /// </summary>
    public bool IsContactAnswer(InboundText text) => CheckInWords.Read(text.Body, engine.Flow) is CheckInCommand.Agree or CheckInCommand.Decline;

    /// <summary>
    /// "Reply OK if you are all right." answered while it waits: "no" (NO, NOT OK) gets the emergency reply, not "did
    /// not understand", and her timer runs on, so her contact is still alerted when the grace ends; "yes" ends the timer
    /// as OK does. Otherwise null.
    /// </summary>
    private async Task<CheckInReply?> AnswerToCheckInTextAsync(string senderKey, CheckInCommand command, string language,
        CancellationToken cancellationToken)
    {
        if (command is CheckInCommand.Agree) return await YesToCheckInTextAsync(senderKey, language, cancellationToken);
        return await plans.PlanAsync(senderKey, cancellationToken) is { Timer.CheckInSent: true }
            ? CheckInReply.Of(texts.In(language).Emergency, "checkin_not_ok", KeywordAction.Emergency)
            : null;
    }

    /// <summary>
    /// YES (SI) while her check-in text waits for her OK: "Reply OK if you are all right." answered "yes", so the timer
    /// ends as for OK. It was START, which showed the menu while the timer ran on and alerted her contact. Otherwise
    /// null: the word is the menu's, or in a chat the staff member's.
    /// </summary>
    private async Task<CheckInReply?> YesToCheckInTextAsync(string senderKey, string language, CancellationToken cancellationToken) =>
        await plans.PlanAsync(senderKey, cancellationToken) is { Timer.CheckInSent: true }
            ? timers.End(senderKey, language)
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
    /// A new conversation from a number the line knew: a safety contact of hers lost for good since (an alert that could
    /// not be delivered, perhaps of her code word) is told to her now, once (<see cref="LostContacts"/>).
    /// </summary>
    public Task WelcomedAsync(string from, string senderKey, CancellationToken cancellationToken) =>
        Enabled && PhoneNumberAddress.Is(from) ? lost.TellOnceAsync(from, senderKey, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// What the check-in owes a text the line would welcome, not understand or answer "Take care": while "Reply OK if
    /// you are all right." waits for her OK, that her check-in is still on and how to end it ("thanks", or "hi" after a
    /// CHECK 60 outlasted her session, is not her OK while her contact is alerted); else, from a number asked to be a
    /// safety contact, the reminder of how to answer (<see cref="SafetyContactAnswers.ReminderAsync"/>). Otherwise null.
    /// </summary>
    public async Task<CheckInReply?> ReminderAsync(string senderKey, InboundText text, string language, bool welcomed, CancellationToken cancellationToken) =>
        await plans.PlanAsync(senderKey, cancellationToken) is { Timer.CheckInSent: true }
            ? CheckInReply.Of(texts.In(language).CheckInWaiting, "checkin_waiting")
            : await contactAnswers.ReminderAsync(senderKey, text, welcomed, cancellationToken);

    /// <summary>
    /// She switched language (a language word, or a topic or her own words in the other language): the texts her plan
    /// sends her later (the check-in, a missed check-in, her contact's answer) come in it. Her contact's stay in theirs.
    /// </summary>
    public async Task LanguageChangedAsync(string senderKey, string language, CancellationToken cancellationToken)
    {
        if (await plans.PlanAsync(senderKey, cancellationToken) is not { } plan || plan.Language == language) return;
        await plans.UpdatePlanAsync(senderKey, current => current is null ? null : current with { Language = language }, cancellationToken);
    }

    /// <summary>
    /// STOP from a texter ends her timers and contact; STOP from a contact is a no, for good, noted with its MessageSid
    /// so its run again after a version conflict counts the plans its first run left. Returns what is done once the
    /// STOP is saved: those plans counted as declines.
    /// </summary>
    public async Task<Func<CancellationToken, Task>?> StoppedAsync(
        string senderKey, string? messageSid, CancellationToken cancellationToken, bool countsIfFinishedEarlier = true)
    {
        await TexterStoppedAsync(senderKey, cancellationToken);
        var declines = await contactLeaving.LeavesAsync(senderKey, ContactLeaving.Stopped, cancellationToken, new ContactAnswer(messageSid, null),
            countsIfFinishedEarlier: countsIfFinishedEarlier);
        if (declines == 0) return null;
        return _ =>
        {
            contactLeaving.CountDeclines(declines);
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// What STOP ends for her as a texter: her timer, a missed check-in's note, her plan, and her contact's link to her;
    /// and every text to her or about her that the outbox still holds (<see cref="StopsOfHeldTexts"/>), for good: her
    /// START later does not send them.
    /// </summary>
    public async Task TexterStoppedAsync(string senderKey, CancellationToken cancellationToken)
    {
        if (Enabled) await stops.StoppedAsync(senderKey, cancellationToken);
        await EndPlanAsync(senderKey, cancellationToken);
    }

    private async Task EndPlanAsync(string senderKey, CancellationToken cancellationToken)
    {
        var plan = await plans.PlanAsync(senderKey, cancellationToken);
        await timers.CancelAsync(senderKey, cancellationToken);
        await plans.DeleteMissedAsync(senderKey, cancellationToken);
        await plans.DeletePlanAsync(senderKey, cancellationToken); // also when it lapsed: its mark goes too
        if (plan is null) return;
        if (plan.Contact is { } contact) await links.ReleaseAsync(contact.Key, senderKey, cancellationToken);
    }

    /// <summary>
    /// FORGET: every plan and record about the sender, and every number stored for them, deleted; of a contact who said
    /// no, only that mark is kept (as an opt-out is), or anyone could ask them again.
    /// </summary>
    public async Task ForgottenAsync(string senderKey, CancellationToken cancellationToken)
    {
        // FORGET's own pass withdraws what the outbox holds to her or about her (ForgottenRecipients): no note of a STOP
        // is written, and one of an earlier STOP goes.
        await EndPlanAsync(senderKey, cancellationToken);
        await stops.ForgetAsync(senderKey, cancellationToken);
        await contactLeaving.LeavesAsync(senderKey, ContactLeaving.Forgot, cancellationToken);
    }
}
