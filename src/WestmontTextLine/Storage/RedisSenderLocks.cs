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

    /// <summary>Test-only (null on the line): called once a given-up text's SET was answered and its release, if any, sent.</summary>
    internal Action? GivenUpSetAnswered { get; set; }

    public async Task<IAsyncDisposable?> AcquireAsync(string senderKey, CancellationToken cancellationToken)
    {
        var key = (RedisKey)_keys.SenderLock(senderKey);
        var token = (RedisValue)Guid.NewGuid().ToString("N");
        var database = redis.GetDatabase();
        var started = Stopwatch.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var set = database.StringSetAsync(key, token, Lease, When.NotExists);
            try
            {
                if (await set.WaitAsync(cancellationToken)) return new Held(database, key, token);
            }
            catch (Exception)
            {
                ReleaseOnceAnswered(set, database, key, token);
                throw;
            }
            if (Stopwatch.GetElapsedTime(started) >= MaxWait)
            {
                // Not only another instance: a text of this one's that gave up while Redis hung leaves its SET queued,
                // and Redis takes it when it answers again (released once answered, but it may be taken meanwhile).
                logger.LogWarning("Sender {Sender}: the sender's lock in Redis stayed taken for {Seconds} s (by another instance's text, " +
                    "or by a text of this instance's that Redis answered late); the text goes on without it",
                    LogTag.Of(senderKey), MaxWait.TotalSeconds);
                return null;
            }
            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 50));
        }
    }

    /// <summary>
    /// A text that gives up (its budget ends while Redis hangs) leaves its SET queued: when Redis answers, that SET may
    /// take the lock for a text that has already been answered, and her next text would wait for a lease no one
    /// releases. Its token is its own, so releasing it cannot free another text's lock.
    /// </summary>
    private void ReleaseOnceAnswered(Task<bool> set, IDatabase database, RedisKey key, RedisValue token) =>
        _ = set.ContinueWith(
            answered =>
            {
                if (answered.Result) ReleaseQuietly(database, key, token);
                GivenUpSetAnswered?.Invoke();
            },
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    private sealed class Held(IDatabase database, RedisKey key, RedisValue token) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            ReleaseQuietly(database, key, token);
            return ValueTask.CompletedTask;
        }
    }

    private static void ReleaseQuietly(IDatabase database, RedisKey key, RedisValue token)
    {
        try
        {
            Release.Evaluate(database, new { key, token }, flags: CommandFlags.FireAndForget);
        }
        catch (Exception)
        {
            // Redis gone: the lease frees the lock.
        }
    }
}
