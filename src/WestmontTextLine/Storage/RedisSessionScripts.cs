using StackExchange.Redis;

namespace WestmontTextLine.Storage;

/// <summary>
/// The Lua scripts that make each session change atomic on the Redis server, so that two instances of the line
/// can never both save over the same version. Prepared once; StackExchange.Redis sends them by SHA and
/// re-sends the source when a restarted server has forgotten them.
/// </summary>
public static class RedisSessionScripts
{
    /// <summary>
    /// Version 0 inserts only if the sender has no session; any other version writes only over that stored
    /// version. Then the version moves on by one and the retention TTL is set, or removed for an opt-out.
    /// Returns 1 when written, 0 on a conflict, -1 when it ran after its deadline (by Redis's clock): a Redis that
    /// was paused runs the saves queued meanwhile when it resumes, but their texters were given the fallback.
    /// KEYS[1] is her session; the arguments come by position, in the order the first line names them (see
    /// <see cref="RedisSessionStore.SaveAsync"/>), not as <see cref="LuaScript"/>'s named parameters: with no code
    /// generated at run time (DynamicCodeSupport false), those were read through interpreted expression trees, about a
    /// tenth of the line's CPU a text on Redis.
    /// </summary>
    public const string Save = """
        local deadline, expectedVersion, node, language, lastActivity, optedOut, lastMessageSid, lastReply, choices,
          earlierSids, recentAnswers, handoff, optedInAt, absentFields, ttlMilliseconds = unpack(ARGV)
        local key = KEYS[1]
        local now = redis.call('TIME')
        if tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) > tonumber(deadline) then return -1 end
        local stored = redis.call('HGET', key, 'version')
        local expected = tonumber(expectedVersion)
        if expected == 0 then
          if stored then return 0 end
        elseif (not stored) or tonumber(stored) ~= expected then
          return 0
        end
        redis.call('HSET', key,
          'node', node, 'language', language, 'last_activity', lastActivity, 'opted_out', optedOut,
          'last_message_sid', lastMessageSid, 'last_reply', lastReply, 'choices', choices,
          'earlier_sids', earlierSids, 'recent_answers', recentAnswers, 'handoff', handoff, 'opted_in_at', optedInAt,
          'version', tostring(expected + 1))
        for field in string.gmatch(absentFields, '%S+') do
          redis.call('HDEL', key, field)
        end
        local ttl = tonumber(ttlMilliseconds)
        if ttl > 0 then
          redis.call('PEXPIRE', key, ttl)
        else
          redis.call('PERSIST', key)
        end
        return 1
        """;

    /// <summary>
    /// One session's retention sweep: deleted if idle since before the cutoff, except an opt-out, which is
    /// stripped to what keeps the number silent: no node, last activity 0 (<see cref="Sessions.Session.StrippedToOptOut"/>).
    /// Returns 1 when something was deleted or stripped.
    /// </summary>
    public static readonly LuaScript PurgeIfIdle = LuaScript.Prepare("""
        local fields = redis.call('HMGET', @key, 'last_activity', 'opted_out', 'node')
        if (not fields[1]) or tonumber(fields[1]) >= tonumber(@cutoff) then return 0 end
        if fields[2] ~= '1' then
          redis.call('DEL', @key)
          return 1
        end
        local removed = redis.call('HDEL', @key, 'last_message_sid', 'last_reply', 'choices', 'earlier_sids', 'recent_answers', 'opted_in_at')
        if removed == 0 and fields[1] == '0' and fields[3] == '' then return 0 end
        redis.call('HSET', @key, 'node', '', 'last_activity', '0')
        redis.call('HINCRBY', @key, 'version', 1)
        return 1
        """);
}
