using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Handoff;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>
/// The inbox's event stream on Redis says "ready" (on which the page catches up, then counts on the stream) only once
/// Redis has confirmed the subscription. It said it as soon as the SUBSCRIBE was sent: a message published before Redis
/// answered reached the page only through the catch-up refresh.
/// </summary>
public sealed class InboxReadyAfterSubscriptionTests
{
    private const string Channel = RedisKeys.DefaultPrefix + "handoff:events";

    // A "ready" sent without waiting for Redis comes within milliseconds; one that waits never comes while Redis is frozen.
    private static readonly TimeSpan NothingWithin = TimeSpan.FromSeconds(1.5);

    private const int WatcherConnectMilliseconds = 60_000;

    [Fact]
    public async Task Ready_waits_for_redis_to_confirm_the_subscription_and_what_is_published_after_it_comes_through()
    {
        using var redis = RedisServer.Start();
        // Redis is frozen for a moment below: the line's commands wait for it rather than give up after 1.5 s.
        using var factory = new RedisTextLineFactory($"{redis.ConnectionString},asyncTimeout=30000") { BackgroundWorkers = false };
        using var alice = await factory.SignedInAsync("alice");
        // The test's own look at Redis: connected before Redis is frozen, and a command waits out a reconnect. The line's
        // connection (1.5 s to connect, then fail fast) can come back on a loaded machine with its handshake unfinished;
        // frozen so, it is dropped, and PUBSUB NUMSUB got "No connection is active/available" as it reconnected.
        using var watcher = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionStringWithoutTheLinesTimeout},connectTimeout={WatcherConnectMilliseconds}");

        // Frozen (SIGSTOP): the stream's SUBSCRIBE reaches Redis, which does not answer it until it runs again.
        redis.Pause();
        try
        {
            using var response = await alice.GetStreamingAsync(InboxEventStream.Path, ("Accept", AutomaticRequests.EventStream));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var stream = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
            // What the stream says while Redis has not answered: the reconnect delay, and no "ready".
            Assert.Equal("retry: 1000\n", await BlockAsync(stream));
            var ready = BlockAsync(stream);
            Assert.NotSame(ready, await Task.WhenAny(ready, Task.Delay(NothingWithin)));
            redis.Resume();

            Assert.Equal("event: ready\ndata: {}\n", await ready);
            Assert.Equal(1, await SubscribersAsync(watcher));
            await factory.Services.GetRequiredService<IInboxEvents>().PublishAsync(new InboxEvent(InboxEventKind.Shift, null));
            Assert.Equal("data: {\"kind\":\"shift\",\"id\":null}\n", await BlockAsync(stream));
        }
        finally
        {
            redis.Resume(); // a failure above would leave it frozen for the disposals
        }
    }

    /// <summary>The stream's next block (the lines up to a blank one), keep-alive comments left out.</summary>
    private static async Task<string> BlockAsync(StreamReader stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var block = new StringBuilder();
        while (await stream.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0 && block.Length > 0) return block.ToString();
            if (line.Length > 0 && !line.StartsWith(':')) block.Append(line).Append('\n');
        }
        throw new EndOfStreamException($"the stream ended; it said:\n{block}");
    }

    private static async Task<long> SubscribersAsync(IConnectionMultiplexer redis)
    {
        var counts = (RedisResult[])(await redis.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", Channel))!;
        return (long)counts[1];
    }
}
