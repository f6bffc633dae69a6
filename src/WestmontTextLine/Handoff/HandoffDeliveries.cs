using System.Globalization;
using WestmontTextLine.Outbound;

namespace WestmontTextLine.Handoff;

/// <summary>
/// What became of each staff reply, on its message: sent (the provider took it), delivered, or failed with Twilio's
/// error code, so staff can see it and retry. Only the outcome of a message's latest attempt counts, and a message
/// never goes back (a late "sent" does not undo "delivered").
/// </summary>
public sealed class HandoffDeliveries(HandoffConversations conversations) : IOutboundOutcomes
{
    public async Task ReportAsync(OutboundOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (outcome.Label != HandoffOutboxIds.Label || !HandoffOutboxIds.TryRead(outcome.OutboxId, out var id, out var number, out var attempt)) return;
        var changed = false;
        await conversations.UpdateAsync(id, conversation =>
        {
            if (conversation?.Message(number) is not { From: InboxMessageFrom.Staff } message || message.Attempt != attempt) return conversation;
            var delivery = Next(message.Delivery, outcome.Status);
            var errorCode = outcome.Status == OutboundStatus.Failed ? outcome.ErrorCode?.ToString(CultureInfo.InvariantCulture) : message.ErrorCode;
            if (delivery == message.Delivery && errorCode == message.ErrorCode) return conversation;
            changed = true;
            return conversation.WithMessage(message with { Delivery = delivery, ErrorCode = errorCode });
        }, cancellationToken);
        if (changed) await conversations.PublishAsync(InboxEventKind.Delivery, id, cancellationToken);
    }

    private static InboxDelivery Next(InboxDelivery current, OutboundStatus status) => (current, status) switch
    {
        (InboxDelivery.Delivered, _) => InboxDelivery.Delivered,
        (InboxDelivery.Failed, OutboundStatus.Sent) => InboxDelivery.Failed,
        (_, OutboundStatus.Sent) => InboxDelivery.Sent,
        (_, OutboundStatus.Delivered) => InboxDelivery.Delivered,
        _ => InboxDelivery.Failed,
    };
}
