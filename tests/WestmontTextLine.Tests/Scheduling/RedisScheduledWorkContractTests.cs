using StackExchange.Redis;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Storage;

namespace WestmontTextLine.Tests.Scheduling;

/// <summary>
/// The scheduled-work contract on a real redis-server. The other instance, and the restarted one, have connections
/// of their own, as separate processes would. Each test has its own key prefix.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisScheduledWorkContractTests : DurableScheduledWorkContract, IDisposable
{
    private readonly RedisServerFixture _redis;
    private readonly RedisKeys _keys = new($"test-{Guid.NewGuid():N}:");
    private readonly List<IConnectionMultiplexer> _connections = [];
    private readonly RedisScheduledWork _work;
    private readonly RedisScheduledWork _other;

    public RedisScheduledWorkContractTests(RedisServerFixture redis)
    {
        _redis = redis;
        _work = new RedisScheduledWork(redis.Connection, _keys);
        _other = NewInstance();
    }

    protected override IScheduledWork Work => _work;

    protected override IScheduledWork OtherInstance => _other;

    protected override IScheduledWork Restart() => NewInstance();

    private RedisScheduledWork NewInstance()
    {
        var connection = RedisConnection.Connect(_redis.Server.ConnectionStringWithoutTheLinesTimeout);
        _connections.Add(connection);
        return new RedisScheduledWork(connection, _keys);
    }

    [Fact]
    public async Task A_kind_is_three_keys_under_the_line_prefix_and_a_completed_item_leaves_nothing_behind()
    {
        await Work.ScheduleAsync(WorkKinds.Delete, "SM0001", Now, [1, 2]);

        Assert.Equal(
            [$"{_keys.Prefix}work:{{delete}}:due", $"{_keys.Prefix}work:{{delete}}:items", $"{_keys.Prefix}work:{{delete}}:payloads"],
            KeysUnderPrefix());
        var score = await _redis.Database.SortedSetScoreAsync(_keys.WorkDue(WorkKinds.Delete), "SM0001");
        Assert.Equal(Now.ToUnixTimeMilliseconds(), (long?)score);

        await Work.CompleteAsync(WorkKinds.Delete, "SM0001");

        Assert.Empty(KeysUnderPrefix());
    }

    [Fact]
    public async Task An_item_without_a_payload_takes_one_entry_in_the_due_set_and_one_field()
    {
        await Work.ScheduleAsync(WorkKinds.Delete, "SM0001", Now);

        Assert.Equal(["due", "items"], KeysUnderPrefix().Select(key => key.Split(':')[^1]));
        Assert.Equal("0:" + Now.ToUnixTimeMilliseconds() + ":0", (string?)await _redis.Database.HashGetAsync(_keys.WorkItems(WorkKinds.Delete), "SM0001"));
    }

    [Fact]
    public async Task A_clean_stop_gives_back_only_what_its_own_claims_still_hold()
    {
        const string kind = WorkKinds.CheckIn;
        foreach (var id in new[] { "held", "moved", "done", "taken" }) await _work.ScheduleAsync(kind, id, Now);
        Assert.Equal(4, (await _work.ClaimDueAsync(kind, Now, 10, Lease)).Count);
        // Its worker moved one on (a check-in to the end of her grace) and finished another.
        await _work.RescheduleAsync(kind, "moved", Now.AddMinutes(10));
        await _work.CompleteAsync(kind, "done");
        // One it held so long that its lease ended, and the other instance took it.
        await _redis.Database.SortedSetAddAsync(_keys.WorkDue(kind), "taken", Now.AddMinutes(1).ToUnixTimeMilliseconds());
        Assert.Equal("taken", Assert.Single(await _other.ClaimDueAsync(kind, Now.AddMinutes(1), 10, Lease)).Id);

        Assert.Equal(1, await _work.GiveBackLeasesAsync(Now.AddMinutes(1)));

        var given = Assert.Single(await _other.ClaimDueAsync(kind, Now.AddMinutes(1), 10, Lease));
        Assert.Equal(("held", true), (given.Id, given.Leased));
        Assert.Equal(Now.AddMinutes(10), (await _other.GetAsync(kind, "moved"))!.DueAt);
        Assert.Equal(0, await _work.GiveBackLeasesAsync(Now.AddMinutes(1)));
    }

    [Fact]
    public async Task A_lease_is_renewed_only_while_this_instances_claim_still_holds_the_item()
    {
        const string kind = WorkKinds.Send;
        // Claimed earliest first, then by id: the other instance's claim of one takes "a-taken".
        foreach (var id in new[] { "a-taken", "b-ended", "c-done" }) await _work.ScheduleAsync(kind, id, Now);
        Assert.Equal(3, (await _work.ClaimDueAsync(kind, Now, 10, TimeSpan.FromSeconds(20))).Count);
        await _work.CompleteAsync(kind, "c-done");
        // The leases ended; the other instance took one of the two.
        Assert.Equal("a-taken", Assert.Single(await _other.ClaimDueAsync(kind, Now.AddSeconds(21), 1, Lease)).Id);

        Assert.False(await _work.RenewLeaseAsync(kind, "a-taken", Now.AddSeconds(60)));
        Assert.False(await _work.RenewLeaseAsync(kind, "c-done", Now.AddSeconds(60)));
        // Ended, but nobody took it: still this claim's.
        Assert.True(await _work.RenewLeaseAsync(kind, "b-ended", Now.AddSeconds(60)));

        Assert.Equal(Now.AddSeconds(21) + Lease, (await _other.GetAsync(kind, "a-taken"))!.DueAt);
        Assert.Empty(await _other.ClaimDueAsync(kind, Now.AddSeconds(59), 10, Lease));
        Assert.Equal("b-ended", Assert.Single(await _other.ClaimDueAsync(kind, Now.AddSeconds(60), 10, Lease)).Id);
    }

    private string[] KeysUnderPrefix() =>
        [.. _redis.Connection.GetServers().Single().Keys(pattern: $"{_keys.Prefix}*").Select(key => key.ToString()).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        foreach (var connection in _connections) connection.Dispose();
    }
}
