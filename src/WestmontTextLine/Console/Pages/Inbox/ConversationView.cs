using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;

namespace WestmontTextLine.Console.Pages.Inbox;

/// <summary>What the conversation page's live part shows, for the staff member looking at it.</summary>
public sealed record ConversationView(
    InboxConversation Conversation,
    IReadOnlyList<InboxMessage> Messages,
    string Staff,
    IReadOnlyList<Colleague> Colleagues,
    DateTimeOffset Now,
    IReadOnlyList<InboxConversation> Others)
{
    /// <summary>The other open conversations whose texter waits for an answer or is urgent, in the inbox's order.</summary>
    public IReadOnlyList<InboxConversation> OthersWaiting => [.. Others.Where(InboxTabNote.NeedsSomeone)];

    /// <summary>The tab's count, of the others only: this one is on the screen.</summary>
    public string? TabNote => InboxTabNote.Of(Others);

    public string WaitingOf(InboxConversation other) => WaitingTime.Of(other.WaitingSince, Now);

    public string HolderOf(InboxConversation other) => HolderText.Of(other.ClaimedBy, Colleagues.Where(c => c.OnShift).Select(c => c.Name));

    public bool IsOpen => Conversation.State == InboxConversationState.Open;

    public bool IsMine => string.Equals(Conversation.ClaimedBy, Staff, StringComparison.OrdinalIgnoreCase);

    public bool CanClaim => IsOpen && (Conversation.ClaimedBy is null || HolderIsOffShift);

    /// <summary>Held by a colleague who is no longer on shift: anyone may take it over.</summary>
    public bool HolderIsOffShift => Conversation.ClaimedBy is { } holder && !IsMine
        && !Colleagues.Any(c => c.OnShift && string.Equals(c.Name, holder, StringComparison.OrdinalIgnoreCase));

    public bool CanReply => IsOpen && IsMine;

    /// <summary>
    /// Close is offered to whoever may close it: the one holding it, or anyone while no one does. Offered to a colleague
    /// of the holder, it was always refused ("Another staff member has this conversation").
    /// </summary>
    public bool CanClose => IsOpen && (Conversation.ClaimedBy is null || IsMine);

    /// <summary>
    /// Why the reply box is shut, for the note above it (null while it is open): what to do about it, never "Claim" when
    /// a colleague on shift holds it and there is no Claim button.
    /// </summary>
    public string? ReplyNote => CanReply ? null
        : !IsOpen ? "This conversation is closed."
        : Conversation.ClaimedBy is not { } holder ? "Claim this conversation to reply."
        : HolderIsOffShift ? $"{holder} went off shift: take it over to reply."
        : $"{holder} has this conversation: ask them to transfer it to you to reply.";

    public string Waiting => WaitingTime.Of(Conversation.WaitingSince, Now);

    public string ClaimedByText => Conversation.ClaimedBy is null ? "nobody yet" : IsMine ? "you" : Conversation.ClaimedBy;

    public string FromText(InboxMessage message) => message.From switch
    {
        InboxMessageFrom.Texter => Conversation.Pseudonym,
        InboxMessageFrom.Staff => string.Equals(message.StaffName, Staff, StringComparison.OrdinalIgnoreCase) ? $"{message.StaffName} (you)" : message.StaffName ?? "Staff",
        _ => "The line",
    };

    public static string DeliveryText(InboxMessage message) => message.Delivery switch
    {
        InboxDelivery.Queued => "waiting to go out",
        InboxDelivery.Sent => "sent",
        InboxDelivery.Delivered => "delivered",
        InboxDelivery.Failed => message.ErrorCode is { } code
            ? Meaning(code) is { Length: > 0 } meaning ? $"not delivered: {meaning} (Twilio error {code})" : $"not delivered: (Twilio error {code})"
            : "not delivered",
        _ => "",
    };

    /// <summary>A failed reply is worth retrying unless she opted out (21610): that number cannot be texted until she texts START.</summary>
    public static bool CanRetry(InboxMessage message) => message.ErrorCode != "21610";

    /// <summary>
    /// What the error codes staff meet most mean, in plain words; the rest show their code alone. A failure for the
    /// line's own number or account (30034...) is nothing to do with her: every text fails until the operator fixes it.
    /// </summary>
    private static string Meaning(string code) => code switch
    {
        _ when int.TryParse(code, System.Globalization.CultureInfo.InvariantCulture, out var number) && LineSideCodes.Meaning(number) is { } lineSide =>
            $"not her number: {lineSide}, so no text of the line goes out; tell the line's operator, and retry once it is fixed",
        "21610" => "she opted out of texts (STOP), so no reply can reach her",
        _ when int.TryParse(code, System.Globalization.CultureInfo.InvariantCulture, out var number) && NumberCannotGetTextsCodes.Is(number) =>
            "her number cannot get texts",
        "21408" or "21612" => "texts cannot be sent to her number from this line",
        "30003" => "her phone could not be reached; it may be off",
        "30004" => "her phone or her carrier blocks texts from this line",
        "30007" => "her carrier filtered it; try other words",
        "30008" => "her carrier gave no reason",
        _ => "",
    };
}

/// <summary>Another staff account a conversation can be transferred to.</summary>
public sealed record Colleague(string Name, bool OnShift);
