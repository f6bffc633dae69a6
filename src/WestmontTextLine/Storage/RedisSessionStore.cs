using StackExchange.Redis;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// Sessions in Redis, shared by every instance of the line: one hash per sender (see <see cref="RedisSessionHash"/>).
/// Saves are compare-and-set on the version inside a Lua script, so a text handled by one instance can never
/// overwrite what another instance saved meanwhile; the caller reloads and tries again.
/// Retention is a TTL set on every save, so idle sessions vanish without a purge service; an opt-out has no TTL,
/// so the number is never texted again.
/// </summary>
public sealed class RedisSessionStore : ISessionStore
{
    private const int ScanPageSize = 500;

    // A reply reaches the caller a little after the script ran: a save this close to its deadline is refused too.
    private static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(200);

    private readonly IConnectionMultiplexer _redis;
    private readonly TimeSpan _retention;
    private readonly RedisKeys _keys;
    private readonly RedisClock _clock;
    private readonly TimeSpan _commandTimeout;

    private readonly TimeProvider _host;

    /// <param name="hostClock">This host's clock, as the offset from Redis's is measured against it (tests step it).</param>
    public RedisSessionStore(IConnectionMultiplexer redis, TimeSpan retention, RedisKeys? keys = null, TimeProvider? hostClock = null)
    {
        _host = hostClock ?? TimeProvider.System;
        if (retention <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(retention), "TextLine:Retention must be positive.");
        _redis = redis;
        _retention = retention;
        _keys = keys ?? new RedisKeys();
        _clock = new RedisClock(redis, _host);
        _commandTimeout = TimeSpan.FromMilliseconds(ConfigurationOptions.Parse(redis.Configuration).AsyncTimeout);
    }

    /// <summary>This store's measure of Redis's clock (tests see whether it was measured yet).</summary>
    internal RedisClock Clock => _clock;

    private IDatabase Database => _redis.GetDatabase();

    /// <summary>Whether this store keeps its sessions on that connection's Redis (a script there may read them).</summary>
    internal bool IsOn(IConnectionMultiplexer connection) => ReferenceEquals(_redis, connection);

    /// <summary>The key of her session's hash, for a script that reads it beside another key.</summary>
    internal RedisKey KeyOf(string senderKey) => _keys.Session(senderKey);

    public async Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default)
    {
        var entries = await Database.HashGetAllAsync(_keys.Session(senderKey)).WaitAsync(cancellationToken);
        return RedisSessionHash.Read(entries);
    }

    public async Task<bool> SaveAsync(string senderKey, Session session, DateTimeOffset? notAfter = null, CancellationToken cancellationToken = default)
    {
        // The caller gives up at its deadline, or when this command times out, whichever comes first.
        var timedOutAt = _host.GetUtcNow() + _commandTimeout;
        var deadline = (notAfter is { } giveUp && giveUp < timedOutAt ? giveUp : timedOutAt) - DeadlineMargin;
        // Measured again at once when this host's clock was stepped since the last measurement: with the old offset, a
        // step back put every save's deadline in Redis's past (each texter got the fault reply for up to a minute), and
        // a step forward let a save apply after its caller had given up on it.
        var redisDeadline = await _clock.ToRedisMillisecondsAsync(deadline, cancellationToken);
        // In the order RedisSessionScripts.Save's first line names them.
        RedisValue[] arguments =
        [
            redisDeadline,
            session.Version,
            session.Node,
            session.Language,
            session.LastActivity.ToUnixTimeMilliseconds(),
            session.OptedOut ? 1 : 0,
            session.LastMessageSid ?? "",
            session.LastReply ?? "",
            session.Choices ?? "",
            session.EarlierMessageSids ?? "",
            session.RecentAnswers ?? "",
            session.Handoff ? 1 : 0,
            session.OptedInAt?.ToUnixTimeMilliseconds() ?? 0,
            RedisSessionHash.AbsentFields(session),
            session.OptedOut ? 0L : (long)_retention.TotalMilliseconds,
        ];
        var saved = await Database.ScriptEvaluateAsync(RedisSessionScripts.Save, [_keys.Session(senderKey)], arguments).WaitAsync(cancellationToken);
        var written = (long)saved;
        if (written < 0) throw new StorageUnavailableException("a session save reached Redis after its deadline and was not applied");
        return written == 1;
    }

    public Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default) =>
        Database.KeyDeleteAsync(_keys.Session(senderKey)).WaitAsync(cancellationToken);

    /// <summary>
    /// The TTLs already delete idle sessions; this sweep does what a TTL cannot: it strips an idle opt-out down to
    /// the flag, and it applies a Retention that was shortened after the TTLs were set. It walks every session
    /// key with SCAN, so run it rarely (daily), never per text.
    /// </summary>
    public async Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default)
    {
        var database = Database;
        var cutoff = idleBefore.ToUnixTimeMilliseconds();
        var changed = 0;
        foreach (var server in _redis.GetServers().Where(server => !server.IsReplica))
        {
            var page = new List<Task<RedisResult>>(ScanPageSize);
            await foreach (var key in server.KeysAsync(database.Database, _keys.SessionPattern, ScanPageSize).WithCancellation(cancellationToken))
            {
                page.Add(RedisSessionScripts.PurgeIfIdle.EvaluateAsync(database, new { key, cutoff }));
                if (page.Count == ScanPageSize) changed += await CountChanged(page, cancellationToken);
            }
            changed += await CountChanged(page, cancellationToken);
        }
        return changed;
    }

    private static async Task<int> CountChanged(List<Task<RedisResult>> page, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(page).WaitAsync(cancellationToken);
        page.Clear();
        return results.Count(result => (long)result == 1);
    }

    /// <summary>
    /// A write, not a PING: a Redis at its maxmemory with noeviction (as README sets it up), or a read-only replica,
    /// still answers PING while every session save fails.
    /// </summary>
    public Task PingAsync(CancellationToken cancellationToken = default) =>
        Database.StringSetAsync(_keys.Health, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), HealthKeptFor).WaitAsync(cancellationToken);

    private static readonly TimeSpan HealthKeptFor = TimeSpan.FromMinutes(1);
}
