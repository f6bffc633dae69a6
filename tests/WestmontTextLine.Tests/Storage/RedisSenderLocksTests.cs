using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>The sender's lock shared by instances on one Redis, when Redis stops answering mid-request.</summary>
public sealed class RedisSenderLocksTests
{
    private const string Sender = "sender-key-of-a-texter";

    /// <summary>
    /// A text that gave up waiting for a hung Redis leaves its SET in Redis's queue. When Redis resumes, that SET takes
    /// the lock for a request that has already answered; her next text must not wait for a lease no one will release.
    /// </summary>
    [Fact]
    public async Task A_lock_taken_after_its_text_gave_up_is_released_so_her_next_text_gets_the_lock()
    {
        using var redis = RedisServer.Start();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var locks = new RedisSenderLocks(connection, NullLogger<RedisSenderLocks>.Instance);
        var lockKey = (RedisKey)new RedisKeys().SenderLock(Sender);

        redis.Pause();
        try
        {
            using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => locks.AcquireAsync(Sender, budget.Token));
        }
        finally
        {
            redis.Resume();
        }

        await using var next = await locks.AcquireAsync(Sender, CancellationToken.None);
        Assert.NotNull(next);
        Assert.True(await connection.GetDatabase().KeyExistsAsync(lockKey), "her next text holds the lock");
    }

    [Fact]
    public async Task A_lock_still_held_by_a_text_in_progress_is_not_released_by_another_text_giving_up()
    {
        using var redis = RedisServer.Start();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var locks = new RedisSenderLocks(connection, NullLogger<RedisSenderLocks>.Instance);
        var lockKey = (RedisKey)new RedisKeys().SenderLock(Sender);

        await using var first = await locks.AcquireAsync(Sender, CancellationToken.None);
        Assert.NotNull(first);
        var holder = await connection.GetDatabase().StringGetAsync(lockKey);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        locks.GivenUpSetAnswered = () => answered.TrySetResult();

        // Redis frozen, so the other text gives up with its SET still queued (on a Redis that answers, its budget mostly
        // ends in the pause between tries, and what a giving-up text releases would not be tried at all).
        redis.Pause();
        try
        {
            using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => locks.AcquireAsync(Sender, budget.Token));
        }
        finally
        {
            redis.Resume();
        }
        // Its queued SET is answered (refused), and whatever release that answer led to is sent before this ping.
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await connection.GetDatabase().PingAsync();
        Assert.Equal(holder, await connection.GetDatabase().StringGetAsync(lockKey));
    }
}
