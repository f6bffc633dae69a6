using StackExchange.Redis;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Storage;

namespace WestmontTextLine.Tests.Scheduling;

/// <summary>
/// Two instances sharing Redis whose hosts' clocks disagree by an hour: work is due, and leased, by Redis's clock, so
/// the host that runs ahead neither claims a check-in an hour early (her contact alerted while she is fine) nor takes
/// a text another instance is still sending.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisScheduledWorkClockTests(RedisServerFixture redis) : IDisposable
{
    private readonly RedisKeys _keys = new($"test-{Guid.NewGuid():N}:");
    private readonly List<IConnectionMultiplexer> _connections = [];

    private RedisScheduledWork Instance(TimeProvider? hostClock = null)
    {
        var connection = RedisConnection.Connect(redis.Server.ConnectionString);
        _connections.Add(connection);
        return new RedisScheduledWork(connection, _keys, hostClock);
    }

    [Fact]
    public async Task A_host_an_hour_ahead_does_not_claim_work_before_it_is_due()
    {
        var onTime = Instance();
        var ahead = Instance(new ShiftedClock(TimeSpan.FromHours(1)));
        var now = DateTimeOffset.UtcNow;
        await onTime.ScheduleAsync(WorkKinds.CheckIn, "in-45-minutes", now + TimeSpan.FromMinutes(45));
        await onTime.ScheduleAsync(WorkKinds.CheckIn, "due", now - TimeSpan.FromSeconds(1));

        var claimed = await ahead.ClaimDueAsync(WorkKinds.CheckIn, now + TimeSpan.FromHours(1), 10, TimeSpan.FromMinutes(2));

        Assert.Equal(["due"], claimed.Select(item => item.Id));
    }

    [Fact]
    public async Task A_host_an_hour_ahead_does_not_take_work_another_instance_holds_under_its_lease()
    {
        var onTime = Instance();
        var ahead = Instance(new ShiftedClock(TimeSpan.FromHours(1)));
        var now = DateTimeOffset.UtcNow;
        await onTime.ScheduleAsync(WorkKinds.Send, "being-sent", now - TimeSpan.FromSeconds(1));
        Assert.Single(await onTime.ClaimDueAsync(WorkKinds.Send, now, 10, TimeSpan.FromMinutes(2)));

        Assert.Empty(await ahead.ClaimDueAsync(WorkKinds.Send, now + TimeSpan.FromHours(1), 10, TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task Work_scheduled_by_the_host_ahead_reads_back_in_its_own_time()
    {
        var ahead = Instance(new ShiftedClock(TimeSpan.FromHours(1)));
        var dueAt = DateTimeOffset.UtcNow + TimeSpan.FromHours(1) - TimeSpan.FromSeconds(5);
        await ahead.ScheduleAsync(WorkKinds.Delete, "SM1", dueAt);

        var item = Assert.Single(await ahead.ClaimDueAsync(WorkKinds.Delete, dueAt + TimeSpan.FromSeconds(5), 10, TimeSpan.FromMinutes(2)));
        Assert.InRange(item.DueAt - dueAt, TimeSpan.FromSeconds(-2), TimeSpan.FromSeconds(2));
        Assert.InRange(item.FirstDueAt - dueAt, TimeSpan.FromSeconds(-2), TimeSpan.FromSeconds(2));
    }

    public void Dispose()
    {
        foreach (var connection in _connections) connection.Dispose();
    }

    private sealed class ShiftedClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }
}

/// <summary>A host whose clock NTP steps an hour forward after the line measured its offset from Redis's.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisScheduledWorkClockStepTests(RedisServerFixture redis) : IDisposable
{
    private readonly RedisKeys _keys = new($"test-{Guid.NewGuid():N}:");
    private IConnectionMultiplexer? _connection;

    [Fact]
    public async Task A_host_clock_stepped_an_hour_forward_is_noticed_before_the_next_claim()
    {
        var clock = new SteppableClock();
        _connection = RedisConnection.Connect(redis.Server.ConnectionString);
        var work = new RedisScheduledWork(_connection, _keys, clock);
        var now = DateTimeOffset.UtcNow;
        await work.ScheduleAsync(WorkKinds.CheckIn, "in-45-minutes", now + TimeSpan.FromMinutes(45));

        clock.Step = TimeSpan.FromHours(1);

        Assert.Empty(await work.ClaimDueAsync(WorkKinds.CheckIn, clock.GetUtcNow(), 10, TimeSpan.FromMinutes(2)));
    }

    public void Dispose() => _connection?.Dispose();

    private sealed class SteppableClock : TimeProvider
    {
        public TimeSpan Step { get; set; }
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Step;
    }
}
