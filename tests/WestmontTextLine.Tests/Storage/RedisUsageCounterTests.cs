using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Storage;

[Collection(RedisCollection.Name)]
public sealed class RedisUsageCounterTests(RedisServerFixture redis)
{
    private static readonly DateOnly Day = new(2026, 11, 26);
    private readonly RedisKeys _keys = new($"test-{Guid.NewGuid():N}:");

    [Fact]
    public async Task Counts_are_kept_per_day_and_metric_and_read_back_in_order()
    {
        var counter = new RedisUsageCounter(redis.Connection, _keys);

        await counter.IncrementAsync(Day, ["texts", "node:health", "texts"]);
        await counter.IncrementAsync(Day.AddDays(1), ["texts"]);
        await counter.IncrementAsync(Day.AddDays(5), ["keyword:stop"]);

        Assert.Equal(
            [new UsageCount(Day, "node:health", 1), new UsageCount(Day, "texts", 2), new UsageCount(Day.AddDays(1), "texts", 1)],
            await counter.ReadAsync(Day.AddDays(-1), Day.AddDays(2)));
    }

    [Fact]
    public async Task A_day_is_one_hash_with_a_field_per_metric()
    {
        var counter = new RedisUsageCounter(redis.Connection, _keys);

        await counter.IncrementAsync(Day, ["texts", "texts", "conversations"]);

        Assert.Equal(2, (long)await redis.Database.HashGetAsync($"{_keys.Prefix}usage:2026-11-26", "texts"));
        Assert.Equal(1, (long)await redis.Database.HashGetAsync($"{_keys.Prefix}usage:2026-11-26", "conversations"));
    }

    [Fact]
    public async Task Two_instances_counting_at_once_lose_no_count()
    {
        using var otherInstance = RedisConnection.Connect(redis.Server.ConnectionStringWithoutTheLinesTimeout);
        var counters = new[] { new RedisUsageCounter(redis.Connection, _keys), new RedisUsageCounter(otherInstance, _keys) };

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => counters[i % 2].IncrementAsync(Day, ["texts"]))));

        Assert.Equal([new UsageCount(Day, "texts", 100)], await counters[0].ReadAsync(Day, Day));
    }
}
