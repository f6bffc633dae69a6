using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace WestmontTextLine.Handoff;

/// <summary>
/// Inbox events within this process, for the line on SQLite or in memory (one instance). Each subscriber has its own
/// bounded queue; a subscriber that stops reading loses its oldest events, never slows the line down.
/// </summary>
public sealed class InProcessInboxEvents : IInboxEvents
{
    private const int QueuedPerSubscriber = 256;
    private readonly List<Channel<InboxEvent>> _subscribers = [];

    public int Subscribers
    {
        get { lock (_subscribers) return _subscribers.Count; }
    }

    public Task PublishAsync(InboxEvent inboxEvent, CancellationToken cancellationToken = default)
    {
        lock (_subscribers)
        {
            foreach (var subscriber in _subscribers) subscriber.Writer.TryWrite(inboxEvent);
        }
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<InboxEvent> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken, Action? subscribed = null)
    {
        var channel = Channel.CreateBounded<InboxEvent>(new BoundedChannelOptions(QueuedPerSubscriber)
        {
            FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true,
        });
        lock (_subscribers) _subscribers.Add(channel);
        subscribed?.Invoke();
        try
        {
            while (true)
            {
                InboxEvent next;
                try
                {
                    next = await channel.Reader.ReadAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                yield return next;
            }
        }
        finally
        {
            lock (_subscribers) _subscribers.Remove(channel);
        }
    }
}
