namespace WestmontTextLine.CheckIns;

/// <summary>
/// The link between a texter's plan and her contact's number record: each names the other by keyed hash, and a contact
/// who agreed or was alerted keeps both records alive.
/// </summary>
public sealed class ContactLinks(SafetyPlans plans)
{
    /// <summary>
    /// A contact who is never asked again (an opt-out at the carrier), linked to nobody. A NO or STOP from them is
    /// <see cref="SafetyContactLeaving.LeavesAsync"/>'s, which tells each texter first.
    /// </summary>
    public Task DeclinedForGoodAsync(string contactKey, ContactNumberRecord ifNone, CancellationToken cancellationToken) =>
        plans.UpdateContactAsync(contactKey,
            current => ((current ?? ifNone) with { TexterKey = null, Texters = [], Declined = true }).AnsweredBy(null), cancellationToken);

    /// <summary>A contact no longer linked to this texter: her key leaves its record, which keeps what the weekly limit and other plans need.</summary>
    /// <param name="answer">Their "wrong number" that released them, if it was, noted in the same write.</param>
    public Task ReleaseAsync(string contactKey, string texterKey, CancellationToken cancellationToken, ContactAnswer? answer = null) =>
        plans.UpdateContactAsync(contactKey, record =>
        {
            if (record is null) return null;
            var released = record.Unlinked(texterKey) with
            {
                Language = record.TexterKey == texterKey ? null : record.Language,
                AgreedWith = record.AgreedWith?.TexterKey == texterKey ? null : record.AgreedWith,
            };
            return answer is null ? released : released.AnsweredBy(answer);
        }, cancellationToken);

    /// <summary>
    /// Her contact agreed (<paramref name="agreed"/>) or was alerted: her plan keeps them, and their record (its link to
    /// her) is kept as long as her plan does.
    /// </summary>
    public async Task UsedAsync(string texterKey, string contactKey, DateTimeOffset at, bool agreed, CancellationToken cancellationToken)
    {
        await plans.UpdatePlanAsync(texterKey, current => WithUsed(current, contactKey, at, agreed), cancellationToken);
        await RecordUsedAsync(contactKey, at, cancellationToken);
    }

    /// <summary>
    /// Her asked contact said YES: her plan now says they agreed, if it still names them as asked when the change is
    /// written. Her plan as written then, or null when it no longer asked them (she removed or replaced them, or sent
    /// STOP or FORGET, at that moment): the YES then answers no request, and neither of them is told it did.
    /// </summary>
    /// <remarks>
    /// Her plan's time of last use stays that of her own last use (here, her BUDDY): only what she does keeps her plan,
    /// so it never outlives her own last use by more than <see cref="CheckInOptions.BuddyUnusedFor"/>, and a US number
    /// is given to someone new no sooner than 45 days after it is disconnected. A YES weeks after she asked once
    /// restarted that time, and the new owner of her number could find her plan: their CHECK alerted her contact about
    /// her, and a word typed by chance was her code word. The contact's own record notes the YES as before.
    /// </remarks>
    /// <param name="byText">The MessageSid of the YES, noted on the contact's record: that YES run again after a version
    /// conflict is thanked as its first run was.</param>
    public async Task<SafetyPlan?> AgreedAsync(string texterKey, string contactKey, DateTimeOffset at, string? byText, CancellationToken cancellationToken)
    {
        // The contact's record is noted first, her plan second: a fault between them leaves her request open, and their
        // YES again agrees and tells her. Written the other way, her plan said they agreed while their record knew no
        // YES: their YES again got "you agreed to be a safety contact" and she was never told.
        var agreement = new ContactAgreement(texterKey, at);
        ContactNumberRecord? before = null;
        await plans.UpdateContactAsync(contactKey, record =>
        {
            before = record;
            return record is null ? null : record with { LastUsedAt = at, AnsweredByText = byText, AgreedWith = agreement };
        }, cancellationToken);
        var agreed = false;
        var plan = await plans.UpdatePlanAsync(texterKey, current =>
        {
            agreed = current?.Contact is { Agreed: false } contact && contact.Key == contactKey;
            return agreed ? current! with { Contact = current.Contact! with { Agreed = true } } : current;
        }, cancellationToken);
        if (agreed) return plan;
        if (before is not null) await UnnoteAsync(contactKey, agreement, byText, before, cancellationToken);
        return null;
    }

    /// <summary>A YES that answered no request after all (her plan changed at that moment): its note on their record is taken back, if still its own.</summary>
    private Task UnnoteAsync(string contactKey, ContactAgreement agreement, string? byText, ContactNumberRecord before, CancellationToken cancellationToken) =>
        plans.UpdateContactAsync(contactKey, record =>
            record is not null && record.AgreedWith == agreement && record.AnsweredByText == byText
                ? record with { LastUsedAt = before.LastUsedAt, AnsweredByText = before.AnsweredByText, AgreedWith = before.AgreedWith }
                : record, cancellationToken);

    /// <summary>
    /// Her plan as she uses it herself (a CHECK, a CODEWORD): her contact counts as used now, since she counts on them.
    /// A check-in every week, each ended with OK, once never counted: 30 days after her BUDDY her contact was dropped, and
    /// her next missed check-in alerted no one.
    /// </summary>
    public static SafetyPlan UsedByHer(SafetyPlan plan, DateTimeOffset at) =>
        plan.Contact is { } contact ? plan with { Contact = contact with { LastUsedAt = at } } : plan;

    /// <summary>Notes on her contact's record that her plan was used (<see cref="UsedByHer"/>), so it is kept as long as her plan.</summary>
    public static Task UsedByHerAsync(SafetyPlans plans, SafetyPlan? plan, DateTimeOffset at, CancellationToken cancellationToken) =>
        plan?.Contact is { } contact ? RecordUsedAsync(plans, contact.Key, at, cancellationToken) : Task.CompletedTask;

    public static SafetyPlan? WithUsed(SafetyPlan? current, string? contactKey, DateTimeOffset at, bool agreed) =>
        contactKey is not null && current?.Contact?.Key == contactKey
            ? current with { Contact = current.Contact with { Agreed = agreed || current.Contact.Agreed, LastUsedAt = at } }
            : current;

    public Task RecordUsedAsync(string contactKey, DateTimeOffset at, CancellationToken cancellationToken) =>
        RecordUsedAsync(plans, contactKey, at, cancellationToken);

    private static Task RecordUsedAsync(SafetyPlans plans, string contactKey, DateTimeOffset at, CancellationToken cancellationToken) =>
        plans.UpdateContactAsync(contactKey, record => record is null ? null : record with { LastUsedAt = at }, cancellationToken);
}
