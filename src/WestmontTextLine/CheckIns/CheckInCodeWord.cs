using WestmontTextLine.Usage;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// Her code word (CODEWORD): set by her, it alerts her contact and the on-call phone when she texts it alone, and is
/// answered only with a harmless "Got it, thanks."
/// </summary>
public sealed class CheckInCodeWord(
    SafetyPlans plans, ContactLinks links, CheckInTexts texts, CheckInAlerts alerts, UsageRecorder usage, TimeProvider time)
{
    /// <summary>The label of the reply to her code word (a harmless "Got it, thanks.").</summary>
    public const string CodeWordAckLabel = "codeword_ack";

    public async Task<CheckInReply> SetAsync(string from, string senderKey, string language, string word, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var plan = await plans.UpdatePlanAsync(senderKey,
            plan => ContactLinks.UsedByHer((plan ?? SafetyPlan.For(from, language)) with { CodeWord = word, Language = language }, now), cancellationToken);
        await ContactLinks.UsedByHerAsync(plans, plan, now, cancellationToken);
        var messages = texts.In(language);
        // The reply promises an alert only to a contact who has agreed: the word alerts no one else she knows.
        return plan?.Contact switch
        {
            { Agreed: true } => CheckInReply.Of(messages.CodeWordSet, "codeword_set"),
            not null => CheckInReply.Of(messages.CodeWordSetPending, "codeword_set_pending"),
            null => CheckInReply.Of(messages.CodeWordSetNoContact, "codeword_set_no_contact"),
        };
    }

    /// <summary>Her text was her code word: the alerts, and the harmless reply; null when it was not her word.</summary>
    public async Task<CheckInReply?> AnswerAsync(string senderKey, SafetyPlan? plan, string body, string language, CancellationToken cancellationToken)
    {
        if (plan?.CodeWord is not { } codeWord || !CheckInWords.IsCodeWord(body, codeWord)) return null;
        await AlertAsync(senderKey, plan, cancellationToken);
        return CheckInReply.Of(texts.In(language).CodeWordAck, CodeWordAckLabel);
    }

    /// <summary>
    /// Her code word alerts her contact and the on-call phone, unless it already alerted the same people in the last
    /// <see cref="CheckInAlerts.CodeWordAlertsEvery"/> (a contact who agreed since is alerted at once).
    /// </summary>
    private async Task AlertAsync(string senderKey, SafetyPlan plan, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var alert = new CodeWordAlert(now, plan.Contact is { Agreed: true } contact ? contact.Key : null);
        if (plan.LastCodeWordAlert is { } last && last.ContactKey == alert.ContactKey && now - last.At < CheckInAlerts.CodeWordAlertsEvery) return;
        // Queued before it is noted, and noted in one write: on Redis, a note sent while Redis was paused was applied
        // when it resumed, after her text had the safety reply and before any alert was queued, so the word sent again
        // alerted no one for 10 minutes. A fault now may at worst alert twice.
        var alerted = await alerts.SendAsync(senderKey, plan, codeWord: true, now, cancellationToken);
        await plans.UpdatePlanAsync(senderKey, current => current is null
            ? null
            : ContactLinks.WithUsed(current with { LastCodeWordAlert = alert }, alerted, now, agreed: false), cancellationToken);
        if (alerted is not null) await links.RecordUsedAsync(alerted, now, cancellationToken);
        usage.Record([CheckInMetrics.CodeWord], now);
    }
}
