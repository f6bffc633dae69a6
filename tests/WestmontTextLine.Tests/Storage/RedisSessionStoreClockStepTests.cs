using System.Security.Cryptography;
using StackExchange.Redis;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// A host whose clock NTP steps back a minute after the line measured its offset from Redis's. A session save carries
/// its deadline in Redis's time; with the offset measured before the step, that deadline lay a minute in the past, and
/// every save was refused as late (every texter got the fault reply) until the offset was measured again, up to a
/// minute later.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSessionStoreClockStepTests(RedisServerFixture redis) : IDisposable
{
    private readonly RedisKeys _keys = new($"test-{Guid.NewGuid():N}:");
    private IConnectionMultiplexer? _connection;

    [Fact]
    public async Task A_host_clock_stepped_a_minute_back_is_noticed_before_the_next_save()
    {
        var clock = new SteppableClock();
        _connection = RedisConnection.Connect(redis.Server.ConnectionString);
        var store = new RedisSessionStore(_connection, TimeSpan.FromDays(30), _keys, clock);
        var sender = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await store.SaveAsync(sender, new Session("main", "en", clock.GetUtcNow()), clock.GetUtcNow() + TimeSpan.FromSeconds(5));
        // The first save measured Redis's clock in the background: the step must come after that measurement, or the
        // measurement would read the stepped clock and leave nothing stale to notice.
        await Eventually.TrueAsync(() => store.Clock.HasMeasured, "the first save's measurement of Redis's clock");

        clock.Step = TimeSpan.FromMinutes(-1);

        var saved = (await store.LoadAsync(sender))! with { Node = "health" };
        Assert.True(await store.SaveAsync(sender, saved, clock.GetUtcNow() + TimeSpan.FromSeconds(5)));
        Assert.Equal("health", (await store.LoadAsync(sender))!.Node);
    }

    public void Dispose() => _connection?.Dispose();

    private sealed class SteppableClock : TimeProvider
    {
        public TimeSpan Step { get; set; }
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Step;
    }
}
