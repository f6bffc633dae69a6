using StackExchange.Redis;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Storage;

namespace WestmontTextLine.Tests.Scheduling;

/// <summary>
/// A claim (or an outbox text's queuing) sent while Redis is paused times out at the caller, but Redis runs it when it resumes. Found from outside:
/// a check-in due while Redis was paused for 8 seconds went out two minutes late (the lease that claim took, with no
/// worker behind it), and its alert two minutes after that.
/// </summary>
public sealed class RedisPausedClaimTests : IDisposable
{
    private readonly RedisServer _redis = RedisServer.Start();

    [Fact]
    public async Task A_claim_that_timed_out_while_redis_was_paused_leases_nothing_when_redis_resumes()
    {
        using var stalled = RedisConnection.Connect(_redis.ConnectionString);
        using var other = RedisConnection.Connect(_redis.ConnectionString);
        var work = new RedisScheduledWork(stalled);
        var now = DateTimeOffset.UtcNow;
        await work.ScheduleAsync(WorkKinds.CheckIn, "texter-1", now);

        _redis.Pause();
        try
        {
            // The claim's deadline lies a margin before its command times out: Redis, resumed once the caller saw the
            // timeout, runs the claim after its deadline.
            await Assert.ThrowsAsync<RedisTimeoutException>(() => work.ClaimDueAsync(WorkKinds.CheckIn, now, 10, TimeSpan.FromMinutes(2)));
        }
        finally
        {
            _redis.Resume();
        }
        // The claim queued on the stalled connection runs now; then another instance's pass comes.
        await stalled.GetDatabase().PingAsync();

        var claimed = await new RedisScheduledWork(other).ClaimDueAsync(WorkKinds.CheckIn, DateTimeOffset.UtcNow, 10, TimeSpan.FromMinutes(2));
        Assert.Equal("texter-1", Assert.Single(claimed).Id);
    }

    [Fact]
    public async Task Work_queued_all_or_nothing_that_timed_out_while_redis_was_paused_is_not_queued_when_redis_resumes()
    {
        using var stalled = RedisConnection.Connect(_redis.ConnectionString);
        var work = new RedisScheduledWork(stalled);
        var now = DateTimeOffset.UtcNow;
        await work.ScheduleOrNothingAsync(WorkKinds.Send, "answered", now, [1]);

        _redis.Pause();
        try
        {
            await Assert.ThrowsAsync<RedisTimeoutException>(() => work.ScheduleOrNothingAsync(WorkKinds.Send, "timed-out", now, [2]));
            // A timer or a deletion is queued as before: applied when Redis resumes, since nobody queues it again.
            await Assert.ThrowsAsync<RedisTimeoutException>(() => work.ScheduleAsync(WorkKinds.Delete, "SM1", now));
        }
        finally
        {
            _redis.Resume();
        }
        await stalled.GetDatabase().PingAsync();

        Assert.NotNull(await work.GetAsync(WorkKinds.Send, "answered"));
        Assert.Null(await work.GetAsync(WorkKinds.Send, "timed-out"));
        Assert.NotNull(await work.GetAsync(WorkKinds.Delete, "SM1"));
    }

    public void Dispose() => _redis.Dispose();
}
