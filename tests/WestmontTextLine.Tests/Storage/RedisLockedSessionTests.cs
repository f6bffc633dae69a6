using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// A text takes her lock shared by the instances and reads her session in one script on Redis
/// (<see cref="RedisSenderLocks.AcquireAndLoadAsync"/>), keeping every rule the lock had when it was a SET of its own.
/// </summary>
public sealed class RedisLockedSessionTests
{
    private const string Sender = "sender-key-of-a-texter";
    private static readonly Session Hers = new("health", "en", DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000), LastMessageSid: "SM1");

    /// <summary>Her session was read in a second round trip after the lock's SET, and every text waited for both.</summary>
    [Fact]
    public async Task Her_lock_and_her_session_come_back_in_one_round_trip()
    {
        using var redis = RedisServer.Start();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var (locks, sessions) = await LocksAndHerSavedSessionAsync(connection);
        // The script's first use loads it into Redis (SCRIPT LOAD); from then on each text sends it by its SHA.
        await (await locks.AcquireAndLoadAsync("another-texter", sessions, CancellationToken.None)).Lock!.DisposeAsync();
        await connection.GetDatabase().PingAsync();
        var sentBefore = connection.GetCounters().Interactive.OperationCount;

        var (held, session) = await locks.AcquireAndLoadAsync(Sender, sessions, CancellationToken.None);

        Assert.Equal(1, connection.GetCounters().Interactive.OperationCount - sentBefore);
        Assert.NotNull(held);
        Assert.Equal(Hers with { Version = 1 }, session);
        var lockKey = (RedisKey)new RedisKeys().SenderLock(Sender);
        var lease = await connection.GetDatabase().KeyTimeToLiveAsync(lockKey);
        Assert.InRange(lease!.Value, TimeSpan.FromSeconds(1), RedisSenderLocks.Lease);

        await held.DisposeAsync();
        await connection.GetDatabase().PingAsync();
        Assert.False(await connection.GetDatabase().KeyExistsAsync(lockKey), "released by its holder");
    }

    [Fact]
    public async Task A_sender_with_no_session_gets_the_lock_and_no_session()
    {
        using var redis = RedisServer.Start();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var locks = new RedisSenderLocks(connection, NullLogger<RedisSenderLocks>.Instance);

        var (held, session) = await locks.AcquireAndLoadAsync(Sender, new RedisSessionStore(connection, TimeSpan.FromDays(30)), CancellationToken.None);

        await using (held)
        {
            Assert.NotNull(held);
            Assert.Null(session);
        }
    }

    /// <summary>A lock held past the wait (another instance's text, or one of this instance's answered late): she is answered without it, on her session.</summary>
    [Fact]
    public async Task A_text_that_waits_out_a_lock_held_elsewhere_goes_on_without_it_and_still_reads_her_session()
    {
        using var redis = RedisServer.Start();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var (locks, sessions) = await LocksAndHerSavedSessionAsync(connection);
        var lockKey = (RedisKey)new RedisKeys().SenderLock(Sender);
        await connection.GetDatabase().StringSetAsync(lockKey, "another text's token", RedisSenderLocks.Lease);

        var (held, session) = await locks.AcquireAndLoadAsync(Sender, sessions, CancellationToken.None);

        Assert.Null(held);
        Assert.Equal(Hers with { Version = 1 }, session);
        Assert.Equal("another text's token", (string?)await connection.GetDatabase().StringGetAsync(lockKey));
    }

    /// <summary>
    /// A text that gave up while Redis hung leaves its script queued; when Redis answers, the script takes the lock for a
    /// text already answered, which is released then (as the SET's was), so her next text is not kept waiting.
    /// </summary>
    [Fact]
    public async Task A_lock_taken_with_her_session_after_its_text_gave_up_is_released_so_her_next_text_gets_it()
    {
        using var redis = RedisServer.Start();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var (locks, sessions) = await LocksAndHerSavedSessionAsync(connection);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        locks.GivenUpSetAnswered = () => answered.TrySetResult();

        redis.Pause();
        try
        {
            using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => locks.AcquireAndLoadAsync(Sender, sessions, budget.Token));
        }
        finally
        {
            redis.Resume();
        }
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var (next, session) = await locks.AcquireAndLoadAsync(Sender, sessions, CancellationToken.None);
        await using (next)
        {
            Assert.NotNull(next);
            Assert.Equal(Hers with { Version = 1 }, session);
        }
    }

    private static async Task<(RedisSenderLocks, RedisSessionStore)> LocksAndHerSavedSessionAsync(IConnectionMultiplexer connection)
    {
        var sessions = new RedisSessionStore(connection, TimeSpan.FromDays(30));
        Assert.True(await sessions.SaveAsync(Sender, Hers));
        // The store measures Redis's clock in the background after its first save: done before a test counts commands.
        for (var waited = 0; !sessions.Clock.HasMeasured && waited < 1000; waited++) await Task.Delay(10);
        Assert.True(sessions.Clock.HasMeasured, "Redis's clock measured");
        return (new RedisSenderLocks(connection, NullLogger<RedisSenderLocks>.Instance), sessions);
    }
}
