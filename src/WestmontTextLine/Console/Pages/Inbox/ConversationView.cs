using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Handoff;

namespace WestmontTextLine.Console.Pages.Inbox;

/// <summary>What the conversation page's live part shows, for the staff member looking at it.</summary>
public sealed record ConversationView(
    InboxConversation Conversation,
    IReadOnlyList<InboxMessage> Messages,
    string Staff,
    IReadOnlyList<Colleague> Colleagues,
    DateTimeOffset Now)
{
    public bool IsOpen => Conversation.State == InboxConversationState.Open;

    public bool IsMine => string.Equals(Conversation.ClaimedBy, Staff, StringComparison.OrdinalIgnoreCase);

    public bool CanClaim => IsOpen && (Conversation.ClaimedBy is null || HolderIsOffShift);

    /// <summary>Held by a colleague who is no longer on shift: anyone may take it over.</summary>
    public bool HolderIsOffShift => Conversation.ClaimedBy is { } holder && !IsMine
        && !Colleagues.Any(c => c.OnShift && string.Equals(c.Name, holder, StringComparison.OrdinalIgnoreCase));

    public bool CanReply => IsOpen && IsMine;

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
        InboxDelivery.Failed => message.ErrorCode is { } code ? $"not delivered: Twilio error {code}" : "not delivered",
        _ => "",
    };
}

/// <summary>Another staff account a conversation can be transferred to.</summary>
public sealed record Colleague(string Name, bool OnShift);
