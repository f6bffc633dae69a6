using WestmontTextLine.Outbound;

namespace WestmontTextLine.Handoff;

/// <summary>
/// The staff side of "talk to a person" (<see cref="IHandoffInbox"/>), on the shared records, so any instance serves
/// any conversation. A staff member claims a conversation before answering it (a reply to an unclaimed one claims it),
/// and only the one holding the claim replies, transfers or retries. Replies are normalised to GSM-7 as the flows are,
/// at most three segments, and go through the outbox (durable once queued); what became of each send shows on its
/// message, with Twilio's error code when it failed. A claim held by someone no longer on shift (gone home, or taken off
/// after the longest shift) can be taken by a colleague, so a texter is never left with no one able to answer. A reply,
/// retry, close or delete runs in her turn (<see cref="WestmontTextLine.Senders.TexterTurns"/>): a STOP or FORGET she
/// sends at that moment comes before it (the reply then finds the conversation closed or gone) or after it (and
/// withdraws or refuses the queued text), and a text she sends as staff close it is answered by the menu, not lost.
/// </summary>
public sealed class HandoffInbox(HandoffConversations conversations, IOutboundTexts outbound, IShifts shifts, StaffReplyChecks replyChecks, TimeProvider time)
    : IHandoffInbox
{
    public async Task<IReadOnlyList<InboxConversation>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        var open = new List<InboxConversation>();
        foreach (var id in await conversations.OpenIdsAsync(cancellationToken))
        {
            if (await conversations.LoadAsync(id, cancellationToken) is { IsOpen: true } conversation) open.Add(conversation.ToInbox());
        }
        return [.. open
            .OrderByDescending(c => c.Urgent)
            .ThenBy(c => c.WaitingSince is null)
            .ThenBy(c => c.WaitingSince)
            .ThenBy(c => c.OpenedAt)];
    }

    public async Task<InboxConversation?> FindAsync(string conversationId, CancellationToken cancellationToken = default) =>
        (await conversations.LoadAsync(conversationId, cancellationToken))?.ToInbox();

    public async Task<IReadOnlyList<InboxMessage>> MessagesAsync(string conversationId, CancellationToken cancellationToken = default) =>
        (await conversations.LoadAsync(conversationId, cancellationToken))?.Messages.Select(m => m.ToInbox()).ToList() ?? [];

    public async Task<InboxOutcome> ClaimAsync(string conversationId, string staffName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffName);
        var outcome = InboxOutcome.NotFound;
        var now = time.GetUtcNow();
        var onShift = await shifts.OnShiftAsync(cancellationToken);
        await conversations.UpdateAsync(conversationId, conversation =>
        {
            var offShiftHolder = conversation?.ClaimedBy is { } holder && holder != staffName && !onShift.Contains(holder) ? holder : null;
            outcome = offShiftHolder is null ? Holdable(conversation, staffName) : Holdable(conversation! with { ClaimedBy = null }, staffName);
            if (outcome != InboxOutcome.Done || conversation!.ClaimedBy == staffName) return conversation;
            var line = offShiftHolder is null ? $"{staffName} took the conversation." : $"{staffName} took the conversation from {offShiftHolder}, who is off shift.";
            return conversation.WithLine(now, line, staffName) with { ClaimedBy = staffName };
        }, cancellationToken);
        if (outcome == InboxOutcome.Done) await conversations.PublishAsync(InboxEventKind.Claimed, conversationId, cancellationToken);
        return outcome;
    }

    public async Task<InboxOutcome> TransferAsync(string conversationId, string staffName, string toStaffName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffName);
        ArgumentException.ThrowIfNullOrWhiteSpace(toStaffName);
        var outcome = InboxOutcome.NotFound;
        var now = time.GetUtcNow();
        await conversations.UpdateAsync(conversationId, conversation =>
        {
            outcome = Holdable(conversation, staffName);
            if (outcome != InboxOutcome.Done || toStaffName == staffName) return conversation;
            return conversation!.WithLine(now, $"{staffName} passed the conversation to {toStaffName}.", staffName) with { ClaimedBy = toStaffName };
        }, cancellationToken);
        if (outcome == InboxOutcome.Done) await conversations.PublishAsync(InboxEventKind.Transferred, conversationId, cancellationToken);
        return outcome;
    }

    /// <summary>Runs a staff action on a conversation in her turn (<see cref="WestmontTextLine.Senders.TexterTurns"/>); none to take for a conversation gone.</summary>
    private async Task<InboxOutcome> InHerTurnAsync(string conversationId, Func<Task<InboxOutcome>> action, CancellationToken cancellationToken)
    {
        await using (await conversations.TexterTurnAsync(conversationId, cancellationToken))
        {
            return await action();
        }
    }

    public Task<InboxOutcome> ReplyAsync(string conversationId, string staffName, string body, string? replyId,
        CancellationToken cancellationToken = default) =>
        InHerTurnAsync(conversationId, () => ReplyInTurnAsync(conversationId, staffName, body, replyId, cancellationToken), cancellationToken);

    private async Task<InboxOutcome> ReplyInTurnAsync(string conversationId, string staffName, string body, string? replyId,
        CancellationToken cancellationToken)
    {
        replyId = StaffReplyIds.IsReplyId(replyId) ? replyId : null;
        ArgumentException.ThrowIfNullOrWhiteSpace(staffName);
        if (StaffReply.Normalize(body) is not { } text) return InboxOutcome.Invalid;
        if (!outbound.Enabled) return InboxOutcome.CannotSend;
        var outcome = InboxOutcome.NotFound;
        HandoffMessage? reply = null;
        string? number = null;
        var now = time.GetUtcNow();
        await replyChecks.ExpectAsync(conversationId, now, cancellationToken);
        var updated = await conversations.UpdateAsync(conversationId, conversation =>
        {
            // The same form posted again while the first post is still in flight, or after it: that reply is in.
            if (conversation?.HasReply(replyId, text, staffName) == true)
            {
                outcome = InboxOutcome.AlreadyDone;
                reply = null;
                return conversation;
            }
            outcome = Holdable(conversation, staffName);
            if (outcome != InboxOutcome.Done) return conversation;
            if (conversation!.TexterNumber is null)
            {
                outcome = InboxOutcome.Closed;
                return conversation;
            }
            number = conversation.TexterNumber;
            reply = new HandoffMessage(conversation.NextNumber, now, InboxMessageFrom.Staff, text, staffName, Delivery: InboxDelivery.Queued, Attempt: 1,
                QueuedAt: now, ReplyId: replyId);
            // Her message is answered: the conversation is live now, and its idle time counts from this reply.
            return conversation.With(reply) with { ClaimedBy = staffName, WaitingSince = null, LastActivityAt = now, Mode = HandoffMode.Live };
        }, cancellationToken);
        if (outcome != InboxOutcome.Done || reply is null || number is null) return outcome;
        await QueueAsync(conversationId, reply, number, cancellationToken);
        if (updated is not null) await conversations.TimerAtLeastAsync(updated, cancellationToken);
        await conversations.PublishAsync(InboxEventKind.Message, conversationId, cancellationToken);
        return InboxOutcome.Done;
    }

    public Task<InboxOutcome> RetryAsync(string conversationId, long messageNumber, string staffName, CancellationToken cancellationToken = default) =>
        InHerTurnAsync(conversationId, () => RetryInTurnAsync(conversationId, messageNumber, staffName, cancellationToken), cancellationToken);

    private async Task<InboxOutcome> RetryInTurnAsync(string conversationId, long messageNumber, string staffName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffName);
        if (!outbound.Enabled) return InboxOutcome.CannotSend;
        var outcome = InboxOutcome.NotFound;
        HandoffMessage? retried = null;
        string? number = null;
        var now = time.GetUtcNow();
        await replyChecks.ExpectAsync(conversationId, now, cancellationToken);
        await conversations.UpdateAsync(conversationId, conversation =>
        {
            outcome = Holdable(conversation, staffName);
            if (outcome != InboxOutcome.Done) return conversation;
            if (conversation!.Message(messageNumber) is not { From: InboxMessageFrom.Staff, Delivery: InboxDelivery.Failed } failed)
            {
                outcome = conversation.Message(messageNumber) is null ? InboxOutcome.NotFound : InboxOutcome.Invalid;
                return conversation;
            }
            if (conversation.TexterNumber is null)
            {
                outcome = InboxOutcome.Closed;
                return conversation;
            }
            number = conversation.TexterNumber;
            retried = failed with { Delivery = InboxDelivery.Queued, ErrorCode = null, Attempt = failed.Attempt + 1, QueuedAt = now };
            return conversation.WithMessage(retried) with { ClaimedBy = staffName, LastActivityAt = now };
        }, cancellationToken);
        if (outcome != InboxOutcome.Done || retried is null || number is null) return outcome;
        await QueueAsync(conversationId, retried, number, cancellationToken);
        await conversations.PublishAsync(InboxEventKind.Delivery, conversationId, cancellationToken);
        return InboxOutcome.Done;
    }

    public Task<InboxOutcome> CloseAsync(string conversationId, string staffName, CancellationToken cancellationToken = default) =>
        InHerTurnAsync(conversationId, () => CloseInTurnAsync(conversationId, staffName, cancellationToken), cancellationToken);

    private async Task<InboxOutcome> CloseInTurnAsync(string conversationId, string staffName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffName);
        var conversation = await conversations.LoadAsync(conversationId, cancellationToken);
        var outcome = Holdable(conversation, staffName);
        if (outcome != InboxOutcome.Done) return outcome;
        return await conversations.CloseAsync(conversationId, $"{staffName} closed the conversation.", closingText: true, staffName, cancellationToken)
            ? InboxOutcome.Done
            : InboxOutcome.Closed;
    }

    public Task<InboxOutcome> DeleteAsync(string conversationId, string staffName, CancellationToken cancellationToken = default) =>
        InHerTurnAsync(conversationId, () => DeleteInTurnAsync(conversationId, staffName, cancellationToken), cancellationToken);

    private async Task<InboxOutcome> DeleteInTurnAsync(string conversationId, string staffName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffName);
        return await conversations.DeleteByStaffAsync(conversationId, cancellationToken) ? InboxOutcome.Done : InboxOutcome.NotFound;
    }

    /// <summary>
    /// The outbox takes the reply (durable once this returns). Should that fail, the message shows as failed, to retry,
    /// and the fault goes up to the page.
    /// </summary>
    private async Task QueueAsync(string conversationId, HandoffMessage reply, string number, CancellationToken cancellationToken)
    {
        try
        {
            // All or nothing: a reply marked failed here may be retried by staff, and must not go out twice.
            await outbound.SendAsOrNothingAsync(HandoffOutboxIds.Of(conversationId, reply.Number, reply.Attempt), number, reply.Body, HandoffOutboxIds.Label,
                cancellationToken);
        }
        catch
        {
            await conversations.UpdateAsync(conversationId, conversation =>
                conversation?.Message(reply.Number) is { } queued && queued.Attempt == reply.Attempt
                    ? conversation.WithMessage(queued with { Delivery = InboxDelivery.Failed })
                    : conversation, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Done when this staff member may act on the conversation: it exists, is open, and no one else holds it.</summary>
    private static InboxOutcome Holdable(HandoffConversation? conversation, string staffName) => conversation switch
    {
        null => InboxOutcome.NotFound,
        { IsOpen: false } => InboxOutcome.Closed,
        { ClaimedBy: { } holder } when holder != staffName => InboxOutcome.ClaimedByAnother,
        _ => InboxOutcome.Done,
    };
}
