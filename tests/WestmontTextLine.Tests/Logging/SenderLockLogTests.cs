using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// A sender's lock in Redis that stays taken past the wait was logged as "another instance held the sender's lock",
/// also on a line of one instance, where it is this instance's own text whose SET Redis answered late (Redis paused,
/// then back): the operator went looking for a second copy of the line. The line now says it may be either.
/// </summary>
public sealed class SenderLockLogTests
{
    [Fact]
    public async Task A_lock_that_stays_taken_is_not_blamed_on_another_instance_alone()
    {
        using var redis = WestmontTextLine.Tests.Storage.RedisServer.Start();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var logs = new CapturedLogs();
        var locks = new RedisSenderLocks(connection, new LoggerFactory([logs]).CreateLogger<RedisSenderLocks>());
        var senderKey = new string('a', 64);
        await connection.GetDatabase().StringSetAsync(new RedisKeys().SenderLock(senderKey), "a text answered late", RedisSenderLocks.Lease);

        Assert.Null(await locks.AcquireAsync(senderKey, CancellationToken.None));

        var line = Assert.Single(logs.Lines);
        Assert.StartsWith("Warning", line);
        Assert.Contains("or by a text of this instance's that Redis answered late", line);
        Assert.DoesNotContain(senderKey, line);
    }
}
