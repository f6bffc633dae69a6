using StackExchange.Redis;

namespace WestmontTextLine.Scheduling;

/// <summary>
/// The Lua scripts that make each change to a kind's scheduled work atomic on the Redis server, so that instances
/// sharing the Redis never see half a change and never both claim an item. Each one touches the kind's three keys
/// (<see cref="ScheduledWorkRedisKeys"/>): @due, the sorted set of due times; @items, "attempts:firstDueAt:leased"
/// per id; @payloads, the payload per id. Times are Unix milliseconds, passed and kept as decimal strings.
/// </summary>
public static class RedisScheduledWorkScripts
{
    /// <summary>
    /// A new item is due at dueAt, with no attempts. A queued one takes dueAt only if it is earlier and no claim
    /// holds the item; its first due time keeps the earlier of the two. The payload is replaced only when given.
    /// With a deadline (Redis's own clock, in milliseconds; '' for none), changes nothing and returns 0 when it runs
    /// after it: its caller was told it timed out (Redis was paused meanwhile) and may queue the same work again.
    /// Keys and arguments by position, in the order its first lines name them: it runs for every answered text, and
    /// <see cref="LuaScript"/>'s named parameters are read through interpreted expression trees here (no code generated
    /// at run time).
    /// </summary>
    public const string Schedule = """
        local due, items, payloads = KEYS[1], KEYS[2], KEYS[3]
        local id, dueAt, hasPayload, payload, deadline = unpack(ARGV)
        if deadline ~= '' then
          local clock = redis.call('TIME')
          if tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000) > tonumber(deadline) then return 0 end
        end
        local meta = redis.call('HGET', items, id)
        if meta then
          local attempts, first, leased = string.match(meta, '^(%d+):(%d+):(%d)$')
          local scheduled = redis.call('ZSCORE', due, id)
          if leased == '0' and ((not scheduled) or tonumber(dueAt) < tonumber(scheduled)) then
            redis.call('ZADD', due, dueAt, id)
          end
          if tonumber(dueAt) < tonumber(first) then
            redis.call('HSET', items, id, attempts .. ':' .. dueAt .. ':' .. leased)
          end
        else
          redis.call('ZADD', due, dueAt, id)
          redis.call('HSET', items, id, '0:' .. dueAt .. ':0')
        end
        if hasPayload == '1' then
          redis.call('HSET', payloads, id, payload)
        end
        return 1
        """;

    /// <summary>
    /// Up to @max items due at or before @now, earliest first, each re-scored to @leasedUntil and marked leased.
    /// Returns six values per item, as it was before the claim: id, due time, attempts, first due time, payload
    /// (nil when none), and whether it was already leased ('1' or '0'). Claims nothing when it runs after @deadline
    /// (Redis's own clock, in milliseconds): a Redis that was paused runs the claims queued meanwhile when it resumes,
    /// but their callers had given up, and the items would sit leased with nobody working on them until the leases end.
    /// </summary>
    public static readonly LuaScript Claim = LuaScript.Prepare("""
        local clock = redis.call('TIME')
        if tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000) > tonumber(@deadline) then return {} end
        local due = redis.call('ZRANGEBYSCORE', @due, '-inf', @now, 'WITHSCORES', 'LIMIT', 0, @max)
        local claimed = {}
        for i = 1, #due, 2 do
          local id, dueAt = due[i], due[i + 1]
          local attempts, first, leased = '0', dueAt, '0'
          local meta = redis.call('HGET', @items, id)
          if meta then attempts, first, leased = string.match(meta, '^(%d+):(%d+):(%d)$') end
          redis.call('ZADD', @due, @leasedUntil, id)
          redis.call('HSET', @items, id, attempts .. ':' .. first .. ':1')
          local n = #claimed
          claimed[n + 1] = id
          claimed[n + 2] = dueAt
          claimed[n + 3] = attempts
          claimed[n + 4] = first
          claimed[n + 5] = redis.call('HGET', @payloads, id)
          claimed[n + 6] = leased
        end
        return claimed
        """);

    /// <summary>Due at exactly @dueAt, one more attempt, no longer leased. Returns 0 when the item is not queued.</summary>
    public static readonly LuaScript Reschedule = LuaScript.Prepare("""
        local meta = redis.call('HGET', @items, @id)
        if not meta then return 0 end
        local attempts, first = string.match(meta, '^(%d+):(%d+):')
        redis.call('ZADD', @due, @dueAt, @id)
        redis.call('HSET', @items, @id, (tonumber(attempts) + 1) .. ':' .. first .. ':0')
        return 1
        """);

    /// <summary>
    /// Due at @dueAt, still marked leased and with its attempts as they are, if the claim that leased it until @leasedUntil
    /// still holds it: its due time is that lease's end. Returns 0, changing nothing, when it is gone, was rescheduled
    /// (no longer leased), was claimed again (another lease's end), or is due by @dueAt already.
    /// </summary>
    public static readonly LuaScript GiveBack = LuaScript.Prepare("""
        local meta = redis.call('HGET', @items, @id)
        if (not meta) or string.sub(meta, -1) ~= '1' then return 0 end
        local due = redis.call('ZSCORE', @due, @id)
        if (not due) or tonumber(due) ~= tonumber(@leasedUntil) or tonumber(@dueAt) >= tonumber(due) then return 0 end
        redis.call('ZADD', @due, @dueAt, @id)
        return 1
        """);

    /// <summary>
    /// Due at @until, still leased, if the claim that leased it until @leasedUntil still holds it (as <see cref="GiveBack"/>
    /// checks). Returns 0, changing nothing, when it is gone, was rescheduled, or was claimed again since.
    /// </summary>
    public static readonly LuaScript Renew = LuaScript.Prepare("""
        local meta = redis.call('HGET', @items, @id)
        if (not meta) or string.sub(meta, -1) ~= '1' then return 0 end
        local due = redis.call('ZSCORE', @due, @id)
        if (not due) or tonumber(due) ~= tonumber(@leasedUntil) then return 0 end
        redis.call('ZADD', @due, @until, @id)
        return 1
        """);

    /// <summary>
    /// The item's payload becomes @replacement if it is still @expected; nothing else changes. Returns 0 when the item
    /// is not queued or its payload is another one.
    /// </summary>
    public static readonly LuaScript ReplacePayload = LuaScript.Prepare("""
        if not redis.call('HGET', @items, @id) then return 0 end
        if redis.call('HGET', @payloads, @id) ~= @expected then return 0 end
        redis.call('HSET', @payloads, @id, @replacement)
        return 1
        """);

    /// <summary>Removes every trace of the item. Returns 0 when it was not queued.</summary>
    public static readonly LuaScript Remove = LuaScript.Prepare("""
        redis.call('HDEL', @payloads, @id)
        redis.call('ZREM', @due, @id)
        return redis.call('HDEL', @items, @id)
        """);

    /// <summary>The item as six values (as one item of <see cref="Claim"/>), or an empty array when it is not queued.</summary>
    public static readonly LuaScript Get = LuaScript.Prepare("""
        local meta = redis.call('HGET', @items, @id)
        if not meta then return {} end
        local attempts, first, leased = string.match(meta, '^(%d+):(%d+):(%d)$')
        return { @id, redis.call('ZSCORE', @due, @id), attempts, first, redis.call('HGET', @payloads, @id), leased }
        """);
}
