using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Handoff;

/// <summary>
/// A staff reply is written on its conversation ("waiting to go out"), then queued in the outbox. Should the store fail
/// between the two (Redis stopped, the process killed), the reply never reaches the outbox, and marking it failed may
/// fail as well: it would wait for ever, and staff could not retry it. So before each reply or retry a check is
/// queued for its conversation, and a reply still waiting <see cref="CheckAfter"/> later with no text in the outbox is
/// marked not delivered, to retry. A reply found in the outbox is left to it: the outbox reports what became of it.
/// </summary>
public sealed class StaffReplyChecks(IScheduledWork work, HandoffConversations conversations, TimeProvider time, ILogger<StaffReplyChecks> logger)
{
    /// <summary>Far longer than a reply takes to reach the outbox, short enough that staff are not left waiting.</summary>
    public static readonly TimeSpan CheckAfter = TimeSpan.FromMinutes(1);

    /// <summary>Before a reply is written: queued first, so that a reply that could be written is always checked.</summary>
    public Task ExpectAsync(string conversationId, DateTimeOffset queuedAt, CancellationToken cancellationToken) =>
        work.ScheduleAsync(WorkKinds.StaffReplyCheck, conversationId, queuedAt + CheckAfter, cancellationToken: cancellationToken);

    public async Task RunDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var due = await work.ClaimDueAsync(WorkKinds.StaffReplyCheck, time.GetUtcNow(), max, lease, cancellationToken);
        foreach (var item in due) await CheckAsync(item.Id, cancellationToken);
    }

    private async Task CheckAsync(string conversationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var conversation = await conversations.LoadAsync(conversationId, cancellationToken);
        var waiting = conversation?.Messages.Where(m => m is { From: InboxMessageFrom.Staff, Delivery: InboxDelivery.Queued }).ToList() ?? [];
        var notYet = waiting.Where(m => QueuedAt(m) + CheckAfter > now).ToList();
        foreach (var reply in waiting.Except(notYet))
        {
            var outboxId = HandoffOutboxIds.Of(conversationId, reply.Number, reply.Attempt);
            if (await work.GetAsync(WorkKinds.Send, outboxId, cancellationToken) is null) await MarkLostAsync(conversationId, reply, cancellationToken);
        }
        if (notYet.Count > 0)
        {
            await work.RescheduleAsync(WorkKinds.StaffReplyCheck, conversationId, notYet.Min(QueuedAt) + CheckAfter, cancellationToken);
            return;
        }
        await work.CompleteAsync(WorkKinds.StaffReplyCheck, conversationId, cancellationToken);
    }

    private async Task MarkLostAsync(string conversationId, HandoffMessage reply, CancellationToken cancellationToken)
    {
        var changed = false;
        await conversations.UpdateAsync(conversationId, conversation =>
        {
            // Still this attempt, still waiting: the outbox, had it taken the text, would have it or have reported it.
            if (conversation?.Message(reply.Number) is not { Delivery: InboxDelivery.Queued } current || current.Attempt != reply.Attempt) return conversation;
            changed = true;
            return conversation.WithMessage(current with { Delivery = InboxDelivery.Failed, ErrorCode = null });
        }, cancellationToken);
        if (!changed) return;
        HandoffLog.ReplyLost(logger, conversationId);
        await conversations.PublishAsync(InboxEventKind.Delivery, conversationId, cancellationToken);
    }

    private static DateTimeOffset QueuedAt(HandoffMessage reply) => reply.QueuedAt ?? reply.At;
}
