using WestmontTextLine.Outbound;
using WestmontTextLine.Usage;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// A contact who agreed and whose alert could not be delivered for good: their number opted out at the carrier
/// (21610: a STOP to the line's number, perhaps from whoever has that number now), or it cannot get texts (21211 not a
/// valid number, 21614 not a mobile, 30005 unknown or inactive, 30006 a landline). Every later alert would fail alike,
/// so they are taken off her plan, and she is told once, in her language, "We could not reach your safety contact by
/// text. You can name someone else with BUDDY." Never right after her code word (her phone must show nothing then):
/// at her next conversation with the line, or her next CHECK or CODEWORD. Left on her plan, her code word would reach no
/// one while "Code word saved. Text it alone to alert your safety contact at once." still promised them. A failure that may pass (30003 a phone off, 30007 filtered) leaves them on it.
/// </summary>
public sealed class LostContacts(SafetyPlans plans, ContactLinks links, IOutboundTexts outbound, CheckInTexts texts, TimeProvider time)
{
    public static bool IsForGood(int? errorCode) => errorCode == DeliveryMetrics.OptedOutAtCarrierCode || NumberCannotGetTextsCodes.Is(errorCode);

    /// <summary>
    /// Takes the contact this text went to off her plan, if it still names them; with <paramref name="tellLater"/>, notes
    /// that she is to be told. A number opted out at the carrier is never asked again, as after a request refused so.
    /// </summary>
    public async Task<bool> TakeOffAsync(CheckInSend send, int? errorCode, bool tellLater, CancellationToken cancellationToken)
    {
        var removed = false;
        await plans.UpdatePlanAsync(send.TexterKey, plan =>
        {
            removed = plan?.Contact?.Key == send.ContactKey && send.IsAbout(plan);
            // The note keeps her plan as long as the lost contact would have: from her own last use of them, never from
            // when the carrier's word came (up to two days on, or days late after the line was down).
            return removed ? plan! with { Contact = null, ContactLostAt = tellLater ? Earlier(plan.Contact!.LastUsedAt, time.GetUtcNow()) : plan.ContactLostAt } : plan;
        }, cancellationToken);
        if (!removed) return false; // replaced, removed, or gone with her STOP or FORGET meanwhile (and a new plan since)
        if (errorCode == DeliveryMetrics.OptedOutAtCarrierCode)
            await links.DeclinedForGoodAsync(send.ContactKey, new ContactNumberRecord(), cancellationToken);
        else
            await links.ReleaseAsync(send.ContactKey, send.TexterKey, cancellationToken);
        return true;
    }

    /// <summary>She is texting the line: if a lost contact is still untold, she is told now, once (two texts at once tell her once).</summary>
    public async Task TellOnceAsync(string from, string texterKey, CancellationToken cancellationToken) =>
        await TellOnceAsync(from, texterKey, await plans.PlanAsync(texterKey, cancellationToken), cancellationToken);

    /// <summary>As <see cref="TellOnceAsync(string, string, CancellationToken)"/>, with her plan as just read: nothing is written unless it holds a lost contact.</summary>
    public async Task TellOnceAsync(string from, string texterKey, SafetyPlan? plan, CancellationToken cancellationToken)
    {
        if (!Untold(plan)) return;
        SafetyPlan? untold = null;
        await plans.UpdatePlanAsync(texterKey, plan =>
        {
            untold = plan?.ContactLostAt is null ? null : plan;
            return untold is null ? plan : untold with { ContactLostAt = null };
        }, cancellationToken);
        if (untold is not null) await outbound.SendAsync(from, texts.In(untold.Language).BuddyUnreachable, "buddy_unreachable", cancellationToken);
    }

    private static bool Untold(SafetyPlan? plan) => plan?.ContactLostAt is not null;

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
