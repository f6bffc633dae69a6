using WestmontTextLine.Logging;
using System.Diagnostics;
using StackExchange.Redis;
using WestmontTextLine.Senders;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// The sender's lock shared by the instances on one Redis: a key per sender (<c>wtl:lock:&lt;keyed hash&gt;</c>, never a
/// number) set with NX and a lease, holding a random token, and deleted only by its holder (compare and delete). A
/// holder that dies (kill -9) frees it when the lease ends. Waiting is bounded: after <see cref="MaxWait"/> the text goes
/// on without the lock (see <see cref="ISharedSenderLocks"/>). A text takes it and reads her session in one script
/// (<see cref="AcquireAndLoadAsync"/>). Release is sent without waiting for Redis's answer, so the reply waits for
/// nothing more than that one round trip.
/// </summary>
public sealed class RedisSenderLocks(IConnectionMultiplexer redis, ILogger<RedisSenderLocks> logger, RedisKeys? keys = null) : ISharedSenderLocks
{
    /// <summary>Longer than a text may take (the 3-second storage budget), short enough that a dead holder costs little.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    /// <summary>Compare and delete: the lock (KEYS[1]) is deleted only while it holds this text's token (ARGV[1]).</summary>
    private const string Release = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    /// <summary>
    /// Her lock (KEYS[1]), taken as <c>SET NX PX</c> takes it, and her session's fields (KEYS[2]) when it was taken; nil
    /// when another text holds it. Nothing is read for a text that does not get the lock: it waits and tries again.
    /// Keys and arguments by position, not through <see cref="LuaScript"/>'s named parameters: with no code generated at
    /// run time (DynamicCodeSupport false), those are read from an object through interpreted expression trees.
    /// </summary>
    private const string TakeAndRead = """
        if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return redis.call('HGETALL', KEYS[2]) end
        return false
        """;

    private static readonly RedisValue LeaseMilliseconds = (long)Lease.TotalMilliseconds;

    private readonly RedisKeys _keys = keys ?? new RedisKeys();

    /// <summary>Test-only (null on the line): called once a given-up text's SET was answered and its release, if any, sent.</summary>
    internal Action? GivenUpSetAnswered { get; set; }

    public async Task<IAsyncDisposable?> AcquireAsync(string senderKey, CancellationToken cancellationToken) =>
        (await TakeAsync(senderKey, TrySetAsync, cancellationToken)).Held;

    /// <summary>
    /// Her lock and her session in one script (<see cref="TakeAndRead"/>), when the sessions are kept on this Redis: a
    /// text waited for the lock's SET, then for her session's HGETALL. A text that goes on without the lock
    /// (<see cref="MaxWait"/>) reads her session after it, as before.
    /// </summary>
    public async Task<LockedSession> AcquireAndLoadAsync(string senderKey, ISessionStore sessions, CancellationToken cancellationToken)
    {
        if (sessions is not RedisSessionStore onThisRedis || !onThisRedis.IsOn(redis))
        {
            return await LockedSession.LockThenLoadAsync(this, senderKey, sessions, cancellationToken);
        }
        var sessionKey = onThisRedis.KeyOf(senderKey);
        var (held, session) = await TakeAsync(senderKey,
            (database, key, token) => TryTakeAndReadAsync(database, key, token, sessionKey), cancellationToken);
        return held is null
            ? new LockedSession(null, await sessions.LoadAsync(senderKey, cancellationToken))
            : new LockedSession(held, session);
    }

    private static async Task<(bool Taken, Session? Session)> TrySetAsync(IDatabase database, RedisKey key, RedisValue token) =>
        (await database.StringSetAsync(key, token, Lease, When.NotExists), null);

    private static async Task<(bool Taken, Session? Session)> TryTakeAndReadAsync(IDatabase database, RedisKey key, RedisValue token, RedisKey sessionKey)
    {
        var result = await database.ScriptEvaluateAsync(TakeAndRead, [key, sessionKey], [token, LeaseMilliseconds]);
        return result.IsNull ? (false, null) : (true, RedisSessionHash.Read(result));
    }

    /// <summary>
    /// Tries until the lock is taken, or <see cref="MaxWait"/> has passed (then no lock is held, and nothing was read).
    /// </summary>
    private async Task<(Held? Held, Session? Session)> TakeAsync(
        string senderKey, Func<IDatabase, RedisKey, RedisValue, Task<(bool Taken, Session? Session)>> tryTake, CancellationToken cancellationToken)
    {
        var key = (RedisKey)_keys.SenderLock(senderKey);
        var token = (RedisValue)Guid.NewGuid().ToString("N");
        var database = redis.GetDatabase();
        var started = Stopwatch.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var attempt = tryTake(database, key, token);
            try
            {
                var (taken, session) = await attempt.WaitAsync(cancellationToken);
                if (taken) return (new Held(database, key, token), session);
            }
            catch (Exception)
            {
                ReleaseOnceAnswered(attempt, database, key, token);
                throw;
            }
            if (Stopwatch.GetElapsedTime(started) >= MaxWait)
            {
                // Not only another instance: a text of this one's that gave up while Redis hung leaves its SET queued,
                // and Redis takes it when it answers again (released once answered, but it may be taken meanwhile).
                logger.LogWarning("Sender {Sender}: the sender's lock in Redis stayed taken for {Seconds} s (by another instance's text, " +
                    "or by a text of this instance's that Redis answered late); the text goes on without it",
                    LogTag.Of(senderKey), MaxWait.TotalSeconds);
                return (null, null);
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
    private void ReleaseOnceAnswered(Task<(bool Taken, Session? Session)> attempt, IDatabase database, RedisKey key, RedisValue token) =>
        _ = attempt.ContinueWith(
            answered =>
            {
                if (answered.Result.Taken) ReleaseQuietly(database, key, token);
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
            database.ScriptEvaluate(Release, [key], [token], CommandFlags.FireAndForget);
        }
        catch (Exception)
        {
            // Redis gone: the lease frees the lock.
        }
    }
}
