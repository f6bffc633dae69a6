namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The Lua scripts of <see cref="RedisAuditLog"/>. KEYS[1] is the log's key prefix (wtl:audit:), under which:
/// next (the last id given), first (the last id given to an entry moved from an older version's list, counting down
/// from 0), entries (hash: id to the entry's JSON), ids (sorted set: id by id), at (sorted set: id by time, ms),
/// who:ACTOR and what:KIND (sorted sets: id by id, ACTOR in upper case), actors (hash: ACTOR to the actor as written) and kinds (set). Each script runs whole, so
/// a view's count and page are of one moment.
/// </summary>
internal static class RedisAuditScripts
{
    /// <summary>Removes entry <c>id</c> from every key; its actor and kind leave the filters' lists with their last entry.</summary>
    private const string Remove = """
        local function remove(p, id)
          local stored = redis.call('HGET', p .. 'entries', id)
          redis.call('HDEL', p .. 'entries', id)
          redis.call('ZREM', p .. 'ids', id)
          redis.call('ZREM', p .. 'at', id)
          if not stored then return end
          local entry = cjson.decode(stored)
          redis.call('ZREM', p .. 'who:' .. entry['W'], id)
          if redis.call('ZCARD', p .. 'who:' .. entry['W']) == 0 then redis.call('HDEL', p .. 'actors', entry['W']) end
          redis.call('ZREM', p .. 'what:' .. entry['K'], id)
          if redis.call('ZCARD', p .. 'what:' .. entry['K']) == 0 then redis.call('SREM', p .. 'kinds', entry['K']) end
        end
        """;

    /// <summary>Stores entry <c>id</c> under every key.</summary>
    private const string Add = """
        local function add(p, id, stored, at, who, actor, kind)
          redis.call('HSET', p .. 'entries', id, stored)
          redis.call('ZADD', p .. 'ids', id, id)
          redis.call('ZADD', p .. 'at', at, id)
          redis.call('ZADD', p .. 'who:' .. who, id, id)
          redis.call('HSET', p .. 'actors', who, actor)
          redis.call('ZADD', p .. 'what:' .. kind, id, id)
          redis.call('SADD', p .. 'kinds', kind)
        end
        """;

    /// <summary>
    /// ARGV: the entry's JSON (with W, its actor in upper case, and K, its kind), its time (ms), W, the actor, K, the
    /// ceiling. Stores it under the next id, then drops the oldest past the ceiling.
    /// </summary>
    public const string Append = Remove + "\n" + Add + "\n" + """
        local p = KEYS[1]
        local id = redis.call('INCR', p .. 'next')
        add(p, id, ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5])
        local over = redis.call('ZCARD', p .. 'ids') - tonumber(ARGV[6])
        if over > 0 then
          for _, old in ipairs(redis.call('ZRANGE', p .. 'ids', 0, over - 1)) do remove(p, old) end
        end
        return id
        """;

    /// <summary>ARGV: the cutoff (ms), the most to delete. Deletes entries older than the cutoff, by their own time; how many.</summary>
    public const string Purge = Remove + "\n" + """
        local p = KEYS[1]
        local old = redis.call('ZRANGEBYSCORE', p .. 'at', '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        for _, id in ipairs(old) do remove(p, id) end
        return #old
        """;

    /// <summary>
    /// KEYS[2]: the older version's list (newest first). Moves up to ARGV[1] of its newest entries in, each under an id
    /// below every id given so far (they are older than any entry appended since), and deletes them from the list;
    /// how many. The actor's case is folded as Lua does: ASCII, as account names are.
    /// </summary>
    public const string MoveFromList = Add + "\n" + """
        local p = KEYS[1]
        local moved = 0
        while moved < tonumber(ARGV[1]) do
          local stored = redis.call('LPOP', KEYS[2])
          if not stored then break end
          local entry = cjson.decode(stored)
          local kind = string.match(entry['Action'], '^[^.]*')
          local who = string.upper(entry['Actor'])
          local id = redis.call('DECR', p .. 'first')
          local withKeys = cjson.encode({At = entry['At'], Actor = entry['Actor'], Action = entry['Action'], Target = entry['Target'], W = who, K = kind})
          add(p, id, withKeys, entry['At'], who, entry['Actor'], kind)
          moved = moved + 1
        end
        return moved
        """;

    /// <summary>
    /// ARGV: actor in upper case, kind, from (ms), before (ms) ('' for none of each), the page, its size. The candidates
    /// are the one index that fits (or all ids), or their intersection with the times in range, stored for the
    /// script's length under view:* (the caller sends here only views whose indexes are small enough to intersect
    /// at once: <see cref="RedisAuditViews"/>). Returns how many match, the page shown (the last when the one asked
    /// for is past it), the count of actors and the actors, the count of kinds and the kinds, then the page's entries.
    /// </summary>
    public const string View = """
        local p = KEYS[1]
        local who, kind, from, before = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        local page, size = tonumber(ARGV[5]), tonumber(ARGV[6])
        local dated, candidates = p .. 'view:dated', p .. 'view:candidates'
        redis.call('DEL', dated, candidates)
        local sources = {}
        if who ~= '' then table.insert(sources, p .. 'who:' .. who) end
        if kind ~= '' then table.insert(sources, p .. 'what:' .. kind) end
        local inTime = from ~= '' or before ~= ''
        local source
        if not inTime and #sources <= 1 then
          source = sources[1] or (p .. 'ids')
        else
          if #sources == 0 then table.insert(sources, p .. 'ids') end
          local weights = {}
          for i = 1, #sources do weights[i] = (i == 1) and 1 or 0 end
          if inTime then
            redis.call('ZRANGESTORE', dated, p .. 'at', from == '' and '-inf' or from, before == '' and '+inf' or ('(' .. before), 'BYSCORE')
            table.insert(sources, dated)
            table.insert(weights, 0)
          end
          local command = {'ZINTERSTORE', candidates, #sources}
          for _, key in ipairs(sources) do table.insert(command, key) end
          table.insert(command, 'WEIGHTS')
          for _, weight in ipairs(weights) do table.insert(command, weight) end
          redis.call(unpack(command))
          source = candidates
        end
        local matching = redis.call('ZCARD', source)
        local last = math.max(0, math.floor((matching - 1) / size))
        if page > last then page = last end
        local ids = redis.call('ZREVRANGE', source, page * size, page * size + size - 1)
        redis.call('DEL', dated, candidates)
        local result = {matching, page}
        local actors = redis.call('HVALS', p .. 'actors')
        table.insert(result, #actors)
        for _, actor in ipairs(actors) do table.insert(result, actor) end
        local kinds = redis.call('SMEMBERS', p .. 'kinds')
        table.insert(result, #kinds)
        for _, k in ipairs(kinds) do table.insert(result, k) end
        if #ids > 0 then
          for _, stored in ipairs(redis.call('HMGET', p .. 'entries', unpack(ids))) do
            if stored then table.insert(result, stored) end
          end
        end
        return result
        """;

    /// <summary>
    /// KEYS[2]: a sorted set of ids (all, or one index). ARGV: the id to read below ('+inf' for the newest), how many,
    /// and text to look for ('' for none): lower-case ASCII that JSON writes as it is. Returns the number of ids read,
    /// the last of them, then their entries (one deleted meanwhile left out), with the text, only those whose JSON
    /// holds it in any case, and those with anything but ASCII (whose case the caller folds, as Lua cannot): the
    /// caller checks each against its filter. One part of a scan, in one short call.
    /// </summary>
    public const string Part = """
        local ids = redis.call('ZREVRANGEBYSCORE', KEYS[2], ARGV[1], '-inf', 'LIMIT', 0, tonumber(ARGV[2]))
        if #ids == 0 then return {0, 0} end
        local result = {#ids, ids[#ids]}
        local text = ARGV[3]
        for _, stored in ipairs(redis.call('HMGET', KEYS[1] .. 'entries', unpack(ids))) do
          if stored and (text == '' or string.find(string.lower(stored), text, 1, true)
              or string.find(stored, '\u', 1, true) or string.find(stored, '[\128-\255]')) then
            table.insert(result, stored)
          end
        end
        return result
        """;
}
