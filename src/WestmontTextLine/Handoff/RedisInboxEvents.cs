using System.Runtime.CompilerServices;
using StackExchange.Redis;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Handoff;

/// <summary>
/// Inbox events through Redis pub/sub, for several instances on one Redis: every instance's console hears what any
/// instance changed. A message is "Kind" or "Kind:conversation id", never a body or a number. Pub/sub delivers to
/// whoever listens now (a page reloads the inbox when it connects).
/// </summary>
public sealed class RedisInboxEvents(IConnectionMultiplexer redis, ILogger<RedisInboxEvents> logger, RedisKeys? keys = null) : IInboxEvents
{
    private readonly RedisChannel _channel = RedisChannel.Literal($"{(keys ?? new RedisKeys()).Prefix}handoff:events");

    public async Task PublishAsync(InboxEvent inboxEvent, CancellationToken cancellationToken = default) =>
        await redis.GetSubscriber().PublishAsync(_channel, Write(inboxEvent)).WaitAsync(cancellationToken);

    public async IAsyncEnumerable<InboxEvent> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken, Action? subscribed = null)
    {
        var subscriber = redis.GetSubscriber();
        // Completes once Redis has answered the SUBSCRIBE: from then on, every message on the channel reaches the queue.
        var queue = await subscriber.SubscribeAsync(_channel).WaitAsync(cancellationToken);
        try
        {
            subscribed?.Invoke();
            while (true)
            {
                ChannelMessage message;
                try
                {
                    message = await queue.ReadAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                catch (System.Threading.Channels.ChannelClosedException)
                {
                    yield break;
                }
                if (Read(message.Message.ToString()) is { } inboxEvent) yield return inboxEvent;
                else logger.LogWarning("An inbox event that is not one was on the channel; ignored");
            }
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }

    public static string Write(InboxEvent inboxEvent) =>
        inboxEvent.ConversationId is null ? inboxEvent.Kind.ToString() : $"{inboxEvent.Kind}:{inboxEvent.ConversationId}";

    public static InboxEvent? Read(string text)
    {
        var colon = text.IndexOf(':');
        var kind = colon < 0 ? text : text[..colon];
        if (!Enum.TryParse<InboxEventKind>(kind, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || kind.All(char.IsDigit)) return null;
        return new InboxEvent(parsed, colon < 0 ? null : text[(colon + 1)..]);
    }
}
