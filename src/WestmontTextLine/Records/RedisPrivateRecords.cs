using System.Globalization;
using StackExchange.Redis;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Records;

/// <summary>
/// Private records in Redis, shared by every instance of the line: one hash per record
/// (<see cref="PrivateRecordRedisKeys"/>), written only by the compare-and-set script of
/// <see cref="RedisPrivateRecordScripts"/>. Durable as far as the Redis server's persistence goes.
/// <para>
/// Expiry follows the caller's clock: the hash keeps expires_at, and a read or a write treats the record as absent
/// from then on. So that nothing lingers, each write also gives the key a TTL of its remaining life by the caller's
/// clock plus <see cref="NativeExpiryMargin"/>, and Redis deletes it then: <see cref="PurgeExpiredAsync"/> has nothing
/// to do. The TTL is relative, not an absolute PEXPIREAT, so that a caller's clock that is not Redis's (a host's
/// skew, a test's fake time) can neither delete a live record early nor keep one forever.
/// </para>
/// </summary>
public sealed class RedisPrivateRecords(IConnectionMultiplexer redis, RedisKeys? keys = null) : IPrivateRecords
{
    /// <summary>
    /// How long past its expiry Redis keeps a record it no longer lets anyone read: room for the instances' clocks to
    /// drift apart (seconds, with NTP). It was a day, so every record that ends by expiry (a mark FORGET leaves "for a
    /// day at most", a missed check-in, a sign-in count) stayed a day longer in Redis and its files than promised.
    /// </summary>
    public static readonly TimeSpan NativeExpiryMargin = TimeSpan.FromMinutes(5);

    private static readonly RedisValue[] Fields = ["payload", "version", "expires_at"];
    private readonly RedisKeys _keys = keys ?? new RedisKeys();

    private IDatabase Database => redis.GetDatabase();

    public async Task<PrivateRecord?> GetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        PrivateRecordArguments.Check(kind, key);
        // One HMGET reads the three fields atomically; expiry is then judged by the caller's clock.
        var values = await Database.HashGetAsync(_keys.PrivateRecord(kind, key), Fields).WaitAsync(cancellationToken);
        if (values[1].IsNull) return null;
        long? expiresAt = values[2].IsNull ? null : (long)values[2];
        if (expiresAt <= now.ToUnixTimeMilliseconds()) return null;
        return new PrivateRecord(
            (byte[]?)values[0] ?? [],
            (long)values[1],
            expiresAt is { } milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null);
    }

    public async Task<string?> AnyKeyAsync(string kind, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        PrivateRecordArguments.CheckKind(kind);
        var prefix = _keys.PrivateRecord(kind, "");
        foreach (var server in redis.GetServers().Where(server => !server.IsReplica))
        {
            await foreach (var redisKey in server.KeysAsync(Database.Database, prefix + "*", pageSize: 1000).WithCancellation(cancellationToken))
            {
                var key = ((string)redisKey!)[prefix.Length..];
                if (await GetAsync(kind, key, now, cancellationToken) is not null) return key;
            }
        }
        return null;
    }

    public async IAsyncEnumerable<PrivateRecordId> ListAsync(DateTimeOffset now,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prefix = _keys.PrivateRecords();
        // SCAN may return a key twice.
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var server in redis.GetServers().Where(server => !server.IsReplica))
        {
            await foreach (var redisKey in server.KeysAsync(Database.Database, prefix + "*", pageSize: 1000).WithCancellation(cancellationToken))
            {
                var name = ((string)redisKey!)[prefix.Length..];
                var colon = name.IndexOf(':', StringComparison.Ordinal);
                // Another program's key under the prefix is no record.
                if (colon <= 0 || colon == name.Length - 1 || !PrivateRecordArguments.IsKind(name[..colon]) || !listed.Add(name)) continue;
                var id = new PrivateRecordId(name[..colon], name[(colon + 1)..]);
                if (await GetAsync(id.Kind, id.Key, now, cancellationToken) is not null) yield return id;
            }
        }
    }

    public async Task<bool> TryPutAsync(string kind, string key, byte[] payload, long expectedVersion, DateTimeOffset? expiresAt, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var (expiresAtMilliseconds, nowMilliseconds) = PrivateRecordArguments.CheckPut(kind, key, payload, expectedVersion, expiresAt, now);
        var arguments = new
        {
            record = (RedisKey)_keys.PrivateRecord(kind, key),
            payload = (RedisValue)payload,
            expected = Decimal(expectedVersion),
            next = Decimal(expectedVersion + 1),
            expiresAt = expiresAtMilliseconds is { } expires ? Decimal(expires) : "",
            now = Decimal(nowMilliseconds),
            keepFor = expiresAtMilliseconds is { } until ? Decimal(until - nowMilliseconds + (long)NativeExpiryMargin.TotalMilliseconds) : "",
        };
        return (long)await RedisPrivateRecordScripts.Put.EvaluateAsync(Database, arguments).WaitAsync(cancellationToken) == 1;
    }

    public Task<bool> DeleteAsync(string kind, string key, CancellationToken cancellationToken = default)
    {
        PrivateRecordArguments.Check(kind, key);
        return Database.KeyDeleteAsync(_keys.PrivateRecord(kind, key)).WaitAsync(cancellationToken);
    }

    /// <summary>Nothing to do: Redis deletes each record itself, <see cref="NativeExpiryMargin"/> after it expires.</summary>
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(0);
    }

    // Versions and times go to the script as decimal strings, never as a double, so they stay exact.
    private static string Decimal(long value) => value.ToString(CultureInfo.InvariantCulture);
}
