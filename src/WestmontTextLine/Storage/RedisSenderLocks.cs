using WestmontTextLine.Logging;
using System.Diagnostics;
using StackExchange.Redis;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Storage;

/// <summary>
/// The sender's lock shared by the instances on one Redis: a key per sender (<c>wtl:lock:&lt;keyed hash&gt;</c>, never a
/// number) set with NX and a lease, holding a random token, and deleted only by its holder (compare and delete). A
/// holder that dies (kill -9) frees it when the lease ends. Waiting is bounded: after <see cref="MaxWait"/> the text goes
/// on without the lock (see <see cref="ISharedSenderLocks"/>). Release is sent without waiting for Redis's answer, so
/// the reply waits for nothing more than the one SET.
/// </summary>
public sealed class RedisSenderLocks(IConnectionMultiplexer redis, ILogger<RedisSenderLocks> logger, RedisKeys? keys = null) : ISharedSenderLocks
{
    /// <summary>Longer than a text may take (the 3-second storage budget), short enough that a dead holder costs little.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    private static readonly LuaScript Release = LuaScript.Prepare("""
        if redis.call('GET', @key) == @token then return redis.call('DEL', @key) end
        return 0
        """);

    private readonly RedisKeys _keys = keys ?? new RedisKeys();

    public async Task<IAsyncDisposable?> AcquireAsync(string senderKey, CancellationToken cancellationToken)
    {
        var key = (RedisKey)_keys.SenderLock(senderKey);
        var token = (RedisValue)Guid.NewGuid().ToString("N");
        var database = redis.GetDatabase();
        var started = Stopwatch.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            if (await database.StringSetAsync(key, token, Lease, When.NotExists).WaitAsync(cancellationToken)) return new Held(database, key, token);
            if (Stopwatch.GetElapsedTime(started) >= MaxWait)
            {
                logger.LogWarning("Sender {Sender}: another instance held the sender's lock for {Seconds} s; the text goes on without it",
                    LogTag.Of(senderKey), MaxWait.TotalSeconds);
                return null;
            }
            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 50));
        }
    }

    private sealed class Held(IDatabase database, RedisKey key, RedisValue token) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            try
            {
                Release.Evaluate(database, new { key, token }, flags: CommandFlags.FireAndForget);
            }
            catch (Exception)
            {
                // Redis gone: the lease frees the lock.
            }
            return ValueTask.CompletedTask;
        }
    }
}
