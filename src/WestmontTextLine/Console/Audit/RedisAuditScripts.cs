namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The Lua scripts of <see cref="RedisAuditLog"/>. KEYS[1] is the log's key prefix (wtl:audit:), under which: next
/// (the last id given), first (the last id given to an entry moved from an older version's list, counting down from
/// 0), log (sorted set: each entry's JSON by its id, so a part of the log is one range read), at (sorted set: id by
/// time, ms), who:ACTOR and what:KIND (sorted sets: id by id, ACTOR in upper case), actors (hash: ACTOR to the actor
/// as written) and kinds (set). Each script runs whole, so a view's count and page are of one moment.
/// </summary>
internal static class RedisAuditScripts
{
    /// <summary>The entry of an id (false if none), and removing one from every key; its actor and kind leave the filters' lists with their last entry.</summary>
    private const string Remove = """
        local function entryOf(p, id)
          return redis.call('ZRANGE', p .. 'log', id, id, 'BYSCORE')[1] or false
        end
        local function remove(p, id)
          local stored = entryOf(p, id)
          redis.call('ZREMRANGEBYSCORE', p .. 'log', id, id)
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
          redis.call('ZADD', p .. 'log', id, stored)
          redis.call('ZADD', p .. 'at', at, id)
          redis.call('ZADD', p .. 'who:' .. who, id, id)
          redis.call('HSET', p .. 'actors', who, actor)
          redis.call('ZADD', p .. 'what:' .. kind, id, id)
          redis.call('SADD', p .. 'kinds', kind)
        end
        """;

    /// <summary>
    /// ARGV: the entry's JSON (with W, its actor in upper case, and K, its kind), its time (ms), W, the actor, K, the
    /// ceiling. Stores it under the next id, with the id as N in its JSON (two entries alike are two members), then
    /// drops the oldest past the ceiling.
    /// </summary>
    public const string Append = Remove + "\n" + Add + "\n" + """
        local p = KEYS[1]
        local id = redis.call('INCR', p .. 'next')
        add(p, id, '{"N":' .. id .. ',' .. string.sub(ARGV[1], 2), ARGV[2], ARGV[3], ARGV[4], ARGV[5])
        local over = redis.call('ZCARD', p .. 'log') - tonumber(ARGV[6])
        if over > 0 then
          local oldest = redis.call('ZRANGE', p .. 'log', 0, over - 1, 'WITHSCORES')
          for i = 2, #oldest, 2 do remove(p, oldest[i]) end
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
          local withKeys = cjson.encode({At = entry['At'], Actor = entry['Actor'], Action = entry['Action'], Target = entry['Target'], W = who, K = kind, N = id})
          add(p, id, withKeys, entry['At'], who, entry['Actor'], kind)
          moved = moved + 1
        end
        return moved
        """;

    /// <summary>
    /// ARGV: actor in upper case, kind, from (ms), before (ms) ('' for none of each), the page, its size. The candidates
    /// are the log itself, the one index that fits, or their intersection with the times in range, stored for the
    /// script's length under view:* (the caller sends here only views whose indexes are small enough to go through at
    /// once: <see cref="RedisAuditViews"/>). Returns how many match, the page shown (the last when the one asked for is
    /// past it), the count of actors and the actors, the count of kinds and the kinds, then the page's entries.
    /// </summary>
    public const string View = Remove + "\n" + """
        local p = KEYS[1]
        local who, kind, from, before = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        local page, size = tonumber(ARGV[5]), tonumber(ARGV[6])
        local dated, candidates = p .. 'view:dated', p .. 'view:candidates'
        redis.call('DEL', dated, candidates)
        local function clamp(total)
          local last = math.max(0, math.floor((total - 1) / size))
          if page > last then page = last end
        end
        local sources = {}
        if who ~= '' then table.insert(sources, p .. 'who:' .. who) end
        if kind ~= '' then table.insert(sources, p .. 'what:' .. kind) end
        local inTime = from ~= '' or before ~= ''
        local matching
        local entries = {}
        if not inTime and #sources == 0 then
          matching = redis.call('ZCARD', p .. 'log')
          clamp(matching)
          entries = redis.call('ZREVRANGE', p .. 'log', page * size, page * size + size - 1)
        else
          local ids
          if inTime and #sources == 0 then
            -- Times alone: their ids, newest id first.
            ids = redis.call('ZRANGE', p .. 'at', from == '' and '-inf' or from, before == '' and '+inf' or ('(' .. before), 'BYSCORE')
            for i = 1, #ids do ids[i] = tonumber(ids[i]) end
            table.sort(ids, function(a, b) return a > b end)
            matching = #ids
            clamp(matching)
            local pageIds = {}
            for i = page * size + 1, math.min(#ids, page * size + size) do pageIds[#pageIds + 1] = ids[i] end
            ids = pageIds
          else
            local source = sources[1]
            if inTime or #sources > 1 then
              local command = {'ZINTERSTORE', candidates, 0}
              for _, key in ipairs(sources) do table.insert(command, key) end
              if inTime then
                redis.call('ZRANGESTORE', dated, p .. 'at', from == '' and '-inf' or from, before == '' and '+inf' or ('(' .. before), 'BYSCORE')
                table.insert(command, dated)
              end
              command[3] = #command - 3
              table.insert(command, 'WEIGHTS')
              for i = 1, command[3] do table.insert(command, (i == 1) and 1 or 0) end
              redis.call(unpack(command))
              source = candidates
            end
            matching = redis.call('ZCARD', source)
            clamp(matching)
            ids = redis.call('ZREVRANGE', source, page * size, page * size + size - 1)
          end
          for _, id in ipairs(ids) do
            local stored = entryOf(p, id)
            if stored then table.insert(entries, stored) end
          end
        end
        redis.call('DEL', dated, candidates)
        local result = {matching, page}
        local actors = redis.call('HVALS', p .. 'actors')
        table.insert(result, #actors)
        for _, actor in ipairs(actors) do table.insert(result, actor) end
        local kinds = redis.call('SMEMBERS', p .. 'kinds')
        table.insert(result, #kinds)
        for _, k in ipairs(kinds) do table.insert(result, k) end
        for _, stored in ipairs(entries) do table.insert(result, stored) end
        return result
        """;

    /// <summary>
    /// KEYS[2]: an index (a sorted set of ids). ARGV: the id to read below ('+inf' for the newest), how many. Returns
    /// the number of ids read, the last of them, then their entries (one deleted meanwhile left out): one part of a
    /// scan of an index, in one short call. A scan of the whole log reads the log itself.
    /// </summary>
    public const string Part = Remove + "\n" + """
        local ids = redis.call('ZRANGE', KEYS[2], ARGV[1], '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, tonumber(ARGV[2]))
        if #ids == 0 then return {0, 0} end
        local result = {#ids, ids[#ids]}
        for _, id in ipairs(ids) do
          local stored = entryOf(KEYS[1], id)
          if stored then table.insert(result, stored) end
        end
        return result
        """;
}
