using System.Text.Json;
using StackExchange.Redis;
using WestmontTextLine.Console.Audit;

namespace WestmontTextLine.Tests.Console.Audit;

/// <summary>
/// Writes audit entries as the build of 2026-12-05 kept them in Redis (its append script, less its trim): each entry's
/// JSON (with W, its actor in upper case, K, its kind, and N, its id) in the sorted set log by id, and an index entry
/// per entry in at (by time), who:W and what:K, with actors and kinds: a Redis filled by that build, to upgrade from.
/// </summary>
internal static class RedisAuditLayoutOf20261205
{
    private const string Append = """
        local p = KEYS[1]
        local id = redis.call('INCR', p .. 'next')
        redis.call('ZADD', p .. 'log', id, '{"N":' .. id .. ',' .. string.sub(ARGV[1], 2))
        redis.call('ZADD', p .. 'at', ARGV[2], id)
        redis.call('ZADD', p .. 'who:' .. ARGV[3], id, id)
        redis.call('HSET', p .. 'actors', ARGV[3], ARGV[4])
        redis.call('ZADD', p .. 'what:' .. ARGV[5], id, id)
        redis.call('SADD', p .. 'kinds', ARGV[5])
        return id
        """;

    public static Task AppendAsync(IDatabase database, string prefix, AuditEntry entry)
    {
        var at = entry.Time.ToUnixTimeMilliseconds();
        var who = AuditFilter.Folded(entry.Actor);
        var kind = AuditFilter.KindOf(entry.Action);
        var json = JsonSerializer.Serialize(new { At = at, entry.Actor, entry.Action, entry.Target, W = who, K = kind });
        return database.ScriptEvaluateAsync(Append, [prefix], [json, at, who, entry.Actor, kind]);
    }

    /// <summary>The keys that layout kept beside the counter next.</summary>
    public static IEnumerable<string> KeysOf(string prefix, IEnumerable<string> upperCaseActors, IEnumerable<string> kinds) =>
        [$"{prefix}log", $"{prefix}at", $"{prefix}actors", $"{prefix}kinds", .. upperCaseActors.Select(who => $"{prefix}who:{who}"),
            .. kinds.Select(kind => $"{prefix}what:{kind}")];
}
