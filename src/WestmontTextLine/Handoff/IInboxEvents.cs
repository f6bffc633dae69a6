namespace WestmontTextLine.Handoff;

/// <summary>
/// Announces inbox changes to every instance (Redis pub/sub when the store is Redis, in-process otherwise), so a
/// console page anywhere shows a texter's text within 2 seconds. Events carry ids and kinds, never bodies or numbers.
/// </summary>
public interface IInboxEvents
{
    Task PublishAsync(InboxEvent inboxEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every event published from now on, on any instance, until cancelled. <paramref name="subscribed"/> is called once
    /// the subscription is in place (on Redis, once the server has confirmed it): every event published after that call
    /// comes through.
    /// </summary>
    IAsyncEnumerable<InboxEvent> SubscribeAsync(CancellationToken cancellationToken, Action? subscribed = null);
}

public enum InboxEventKind { Opened, Message, Urgent, Claimed, Transferred, Delivery, Closed, Deleted, Shift }

public sealed record InboxEvent(InboxEventKind Kind, string? ConversationId);
