using StackExchange.Redis;

namespace WestmontTextLine.Records;

/// <summary>
/// The Lua script that makes a record's compare-and-set atomic on the Redis server, so that instances sharing the
/// Redis never both write over one version. Versions and times are passed and kept as decimal strings, compared as
/// the caller's clock says (@now), never Redis's.
/// </summary>
public static class RedisPrivateRecordScripts
{
    /// <summary>
    /// Writes @payload as version @next over @record if its live version is @expected ('0': no record, or one expired
    /// by @now). With @expiresAt, keeps the time and lets Redis drop the key @keepFor ms from now (past the expiry,
    /// as a backstop); with @expiresAt '', the record never expires and the key has no TTL. Returns 1 when written,
    /// 0 on a conflict.
    /// </summary>
    public static readonly LuaScript Put = LuaScript.Prepare("""
        local stored = redis.call('HMGET', @record, 'version', 'expires_at')
        local version, expires = stored[1], stored[2]
        if version and expires and tonumber(expires) <= tonumber(@now) then version = false end
        if (version or '0') ~= @expected then return 0 end
        redis.call('HSET', @record, 'payload', @payload, 'version', @next)
        if @expiresAt == '' then
          redis.call('HDEL', @record, 'expires_at')
          redis.call('PERSIST', @record)
        else
          redis.call('HSET', @record, 'expires_at', @expiresAt)
          redis.call('PEXPIRE', @record, @keepFor)
        end
        return 1
        """);
}
