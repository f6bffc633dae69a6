namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The Lua scripts of <see cref="RedisAuditLog"/>. KEYS[1] is the log's key prefix (wtl:audit:), under which:
/// <list type="bullet">
/// <item>next (the last id given), first (the last id given to an entry moved from the oldest version's list, counting
/// down from 0), count (how many entries the log holds);</item>
/// <item>e:C, a list per part of the log: the entries whose ids are C*<see cref="RedisAuditRecord.PartSize"/> and the
/// next ones, oldest first, each one line (<see cref="RedisAuditRecord"/>): a list this short is a few packed blocks,
/// some 4 bytes an entry beside its text;</item>
/// <item>t:C, the part's text lines, one string: each entry's actor and kind codes and its target in lower case, for
/// "To what";</item>
/// <item>s:C, the part's tally (a small hash): wA (entries by actor A), kK (of kind K), bA.K (both), u (entries with a
/// letter outside ASCII: kept for the build of 2026-12-05, which compared those parts itself; this one has Redis search
/// them with <see cref="RedisAuditNeedle"/>), and &lt; and &gt;,
/// bounds of its entries' times (exact once read by a sweep, never narrower), so a view counts a part without reading it;</item>
/// <item>parts (sorted set: each part's number, by that number), names (hash: wACTOR and kKIND to a short code, aA and
/// cK from a code back to the actor as last written and to the kind, # the last code given), tally (hash: wA and kK to
/// how many entries the whole log holds);</item>
/// <item>once:ID, an entry's once id (<see cref="AuditEntry.OnceId"/>), for <see cref="AuditEntry.OnceIdKeptFor"/>.</item>
/// </list>
/// The layout of 2026-12-05 (log, at, who:*, what:*, actors, kinds: an entry as JSON in a sorted set, with an index
/// entry per actor, kind and time, some 570 bytes an entry) and the single list before it (wtl:audit) are moved in.
/// Each script runs whole; none goes through more than a few thousand entries.
/// </summary>
internal static class RedisAuditScripts
{
    /// <summary>Reading, adding and forgetting entries; <c>p</c> is the prefix.</summary>
    private static readonly string Common = $$"""
        local p = KEYS[1]
        local size = {{RedisAuditRecord.PartSize}}
        local function partOf(id) return math.floor(id / size) end
        local function parse(record)
          local id, at, w, k = string.match(record, '^(%-?%d+)\t(%-?%d+)\t(%d+)\t(%d+)\t')
          return tonumber(id), tonumber(at), w, k
        end
        local function code(tag, name)
          local known = redis.call('HGET', p .. 'names', tag .. name)
          if known then return known end
          local given = tostring(redis.call('HINCRBY', p .. 'names', '#', 1))
          redis.call('HSET', p .. 'names', tag .. name, given)
          return given
        end
        local function push(key, records, front)
          for i = 1, #records, 500 do
            redis.call(front and 'LPUSH' or 'RPUSH', key, unpack(records, i, math.min(#records, i + 499)))
          end
        end
        -- The part's text line of a record: its codes and its target in lower case (ASCII, as Lua folds), for "To what".
        local function lineOf(record)
          local _, _, w, k, target = string.match(record, '^(%-?%d+)\t(%-?%d+)\t(%d+)\t(%d+)\t[^\t]*\t[^\t]*\t(.*)$')
          return w .. '\t' .. k .. '\t' .. string.lower(target)
        end
        local function rebuildText(part, records)
          local lines = {}
          for i, record in ipairs(records) do lines[i] = lineOf(record) end
          if #lines == 0 then redis.call('DEL', p .. 't:' .. part) else redis.call('SET', p .. 't:' .. part, table.concat(lines, '\n')) end
        end
        -- Stores an entry under its id, in id order within its part (an id below the part's first goes in front; one
        -- among them, from an older build's entries moved in late, rebuilds the part).
        local function add(id, at, who, actor, kind, action, target)
          local w, k = code('w', who), code('k', kind)
          redis.call('HSET', p .. 'names', 'a' .. w, actor, 'c' .. k, kind)
          local part = partOf(id)
          local e, s, t = p .. 'e:' .. part, p .. 's:' .. part, p .. 't:' .. part
          local record = string.format('%d\t%d\t%s\t%s\t%s\t%s\t%s', id, at, w, k, actor, action, target)
          local line = w .. '\t' .. k .. '\t' .. string.lower(target)
          local last = redis.call('LINDEX', e, -1)
          local text = redis.call('GET', t)
          if not last or parse(last) < id then
            redis.call('RPUSH', e, record)
            redis.call('SET', t, text and (text .. '\n' .. line) or line)
          elseif parse(redis.call('LINDEX', e, 0)) > id then
            redis.call('LPUSH', e, record)
            redis.call('SET', t, text and (line .. '\n' .. text) or line)
          else
            local all, placed, sorted = redis.call('LRANGE', e, 0, -1), false, {}
            for _, other in ipairs(all) do
              if not placed and parse(other) > id then table.insert(sorted, record); placed = true end
              table.insert(sorted, other)
            end
            redis.call('DEL', e)
            push(e, sorted, false)
            rebuildText(part, sorted)
          end
          if string.find(record, '[\128-\255]') then redis.call('HINCRBY', s, 'u', 1) end
          redis.call('HINCRBY', s, 'w' .. w, 1)
          redis.call('HINCRBY', s, 'k' .. k, 1)
          redis.call('HINCRBY', s, 'b' .. w .. '.' .. k, 1)
          local bounds = redis.call('HMGET', s, '<', '>')
          if not bounds[1] or at < tonumber(bounds[1]) then redis.call('HSET', s, '<', string.format('%d', at)) end
          if not bounds[2] or at > tonumber(bounds[2]) then redis.call('HSET', s, '>', string.format('%d', at)) end
          redis.call('ZADD', p .. 'parts', part, part)
          redis.call('HINCRBY', p .. 'tally', 'w' .. w, 1)
          redis.call('HINCRBY', p .. 'tally', 'k' .. k, 1)
          redis.call('INCR', p .. 'count')
        end
        local function decrement(key, field)
          if redis.call('HINCRBY', key, field, -1) <= 0 then redis.call('HDEL', key, field) end
        end
        -- Takes a record already out of its part's list off the tallies; the log's last entry gone, its names go too.
        local function forget(part, record)
          local _, _, w, k = parse(record)
          local s = p .. 's:' .. part
          if string.find(record, '[\128-\255]') then decrement(s, 'u') end
          decrement(s, 'w' .. w)
          decrement(s, 'k' .. k)
          decrement(s, 'b' .. w .. '.' .. k)
          decrement(p .. 'tally', 'w' .. w)
          decrement(p .. 'tally', 'k' .. k)
          if redis.call('DECR', p .. 'count') <= 0 then redis.call('DEL', p .. 'count', p .. 'names', p .. 'tally') end
        end
        local function dropIfEmpty(part)
          if redis.call('EXISTS', p .. 'e:' .. part) == 0 then
            redis.call('DEL', p .. 's:' .. part, p .. 't:' .. part)
            redis.call('ZREM', p .. 'parts', part)
          end
        end
        -- Drops up to most of the oldest entries while the log holds more than capacity; how many it still holds past it.
        local function trim(capacity, most)
          local over = tonumber(redis.call('GET', p .. 'count') or '0') - capacity
          while over > 0 and most > 0 do
            local part = redis.call('ZRANGE', p .. 'parts', 0, 0)[1]
            if not part then return 0 end
            local record = redis.call('LPOP', p .. 'e:' .. part)
            if record then
              forget(part, record)
              local text = redis.call('GET', p .. 't:' .. part)
              local cut = text and string.find(text, '\n', 1, true)
              if cut then redis.call('SET', p .. 't:' .. part, string.sub(text, cut + 1)) else redis.call('DEL', p .. 't:' .. part) end
              over, most = over - 1, most - 1
            end
            dropIfEmpty(part)
          end
          return math.max(over, 0)
        end
        """;

    /// <summary>
    /// ARGV: the time (ms), the actor in upper case, the actor, the kind, the action, the target, the ceiling, the most
    /// to drop now, the entry's once id ('' for none) and how long to remember it (ms). Stores the entry under the next
    /// id, then drops the oldest past the ceiling; how many it still holds past it (a ceiling lowered since: the caller
    /// trims the rest a part at a time). An entry whose once id is remembered (once:ID) is not stored again.
    /// </summary>
    public static readonly string Append = Common + "\n" + """
        if ARGV[9] ~= '' and not redis.call('SET', p .. 'once:' .. ARGV[9], '1', 'NX', 'PX', ARGV[10]) then return 0 end
        local id = redis.call('INCR', p .. 'next')
        add(id, tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
        return trim(tonumber(ARGV[7]), tonumber(ARGV[8]))
        """;

    /// <summary>ARGV: the ceiling, the most to drop. Drops the oldest past the ceiling; how many it still holds past it.</summary>
    public static readonly string Trim = Common + "\n" + """
        return trim(tonumber(ARGV[1]), tonumber(ARGV[2]))
        """;

    /// <summary>
    /// ARGV: the cutoff (ms), the most to delete, the part to go on after ('' for the first), the most parts to look
    /// at. Deletes entries older than the cutoff, by their own time, from the parts whose earliest time is before it
    /// (whole parts, until the most is reached), looking at no more parts than that: each part's tally is one step, so
    /// a sweep of a log of 5,000,000 entries (19,532 parts) never holds Redis for all of them at once. The parts read
    /// get exact bounds. Returns how many went, the last part looked at ('' for none), and 1 once every part was.
    /// </summary>
    public static readonly string Purge = Common + "\n" + """
        local cutoff, most, after, atMost = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
        local parts = redis.call('ZRANGE', p .. 'parts', after == '' and '-inf' or ('(' .. after), '+inf', 'BYSCORE', 'LIMIT', 0, atMost)
        local deleted, last, every = 0, after, #parts < atMost
        for _, part in ipairs(parts) do
          if deleted >= most then
            every = false
            break
          end
          local s, e = p .. 's:' .. part, p .. 'e:' .. part
          local earliest = tonumber(redis.call('HGET', s, '<'))
          if earliest and earliest < cutoff then
            local kept, low, high = {}, nil, nil
            for _, record in ipairs(redis.call('LRANGE', e, 0, -1)) do
              local _, at = parse(record)
              if at < cutoff then
                forget(part, record)
                deleted = deleted + 1
              else
                table.insert(kept, record)
                if not low or at < low then low = at end
                if not high or at > high then high = at end
              end
            end
            redis.call('DEL', e)
            rebuildText(part, kept)
            if #kept > 0 then
              push(e, kept, false)
              redis.call('HSET', s, '<', string.format('%d', low), '>', string.format('%d', high))
            end
            dropIfEmpty(part)
          end
          last = part
        end
        return {deleted, last, every and 1 or 0}
        """;

    /// <summary>
    /// Moves up to ARGV[1] of the newest entries of the 2026-12-05 layout (log: JSON by id, with W and K) in under their
    /// own ids, and deletes them from it; once it is empty, its indexes go too (UNLINK: freed outside Redis's loop). How many.
    /// </summary>
    public static readonly string MoveFromSortedSet = Common + "\n" + """
        local log = p .. 'log'
        local newest = redis.call('ZREVRANGE', log, 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
        for i = 1, #newest, 2 do
          local entry = cjson.decode(newest[i])
          add(tonumber(newest[i + 1]), entry['At'], entry['W'], entry['Actor'], entry['K'], entry['Action'], entry['Target'])
        end
        if #newest > 0 then redis.call('ZREMRANGEBYRANK', log, -(#newest / 2), -1) end
        if redis.call('EXISTS', log) == 0 and redis.call('EXISTS', p .. 'at', p .. 'actors', p .. 'kinds') > 0 then
          local older = {p .. 'at', p .. 'actors', p .. 'kinds'}
          for _, who in ipairs(redis.call('HKEYS', p .. 'actors')) do table.insert(older, p .. 'who:' .. who) end
          for _, kind in ipairs(redis.call('SMEMBERS', p .. 'kinds')) do table.insert(older, p .. 'what:' .. kind) end
          redis.call('UNLINK', unpack(older))
        end
        return #newest / 2
        """;

    /// <summary>
    /// KEYS[2]: the oldest version's list (newest first). Moves up to ARGV[1] of its newest entries in, each under an id
    /// below every id given so far (they are older than any entry appended since), and deletes them from the list;
    /// how many. The actor's case is folded as Lua does: ASCII, as account names are.
    /// </summary>
    public static readonly string MoveFromList = Common + "\n" + """
        local moved = 0
        while moved < tonumber(ARGV[1]) do
          local stored = redis.call('LPOP', KEYS[2])
          if not stored then break end
          local entry = cjson.decode(stored)
          local kind = string.match(entry['Action'], '^[^.]*')
          add(redis.call('DECR', p .. 'first'), entry['At'], string.upper(entry['Actor']), entry['Actor'], kind, entry['Action'], entry['Target'])
          moved = moved + 1
        end
        return moved
        """;

    /// <summary>The search of a part's text lines for "To what" (<see cref="Count"/>, <see cref="Find"/>).</summary>
    private const string Search = """
        -- The text sought (RedisAuditNeedle): its letters, each the list of the forms that match it, and the longest run
        -- of letters with one form each (or the first letter), found first, in one plain search; the letters before it
        -- and after it are then compared form by form (a form never holds a tab or a line break, and no form begins or
        -- ends another, so at most one fits).
        local function compile(needle)
          local classes = {}
          if needle ~= '' then
            for class in string.gmatch(needle .. '\0', '([^%z]*)%z') do
              local forms = {}
              for form in string.gmatch(class .. '\1', '([^\1]*)\1') do table.insert(forms, form) end
              table.insert(classes, forms)
            end
          end
          local found = {classes = classes, from = 1, to = 1, forms = classes[1]}
          local longest, i = 0, 1
          while i <= #classes do
            if #classes[i] == 1 then
              local j, run = i, {}
              while j <= #classes and #classes[j] == 1 do table.insert(run, classes[j][1]); j = j + 1 end
              local text = table.concat(run)
              if #text > longest then longest, found.from, found.to, found.forms = #text, i, j - 1, {text} end
              i = j
            else
              i = i + 1
            end
          end
          return found
        end
        local function formAt(forms, text, at, back)
          for _, form in ipairs(forms) do
            if back then
              if at - #form >= 1 and string.sub(text, at - #form, at - 1) == form then return #form end
            elseif string.sub(text, at, at + #form - 1) == form then return #form end
          end
          return nil
        end
        -- Where the text sought starts, around a hit of its run at hit; nil if it is not there.
        local function startOf(text, needle, hit, form)
          local at = hit + #form
          for i = needle.to + 1, #needle.classes do
            local length = formAt(needle.classes[i], text, at, false)
            if not length then return nil end
            at = at + length
          end
          local start = hit
          for i = needle.from - 1, 1, -1 do
            local length = formAt(needle.classes[i], text, start, true)
            if not length then return nil end
            start = start - length
          end
          return start
        end
        -- Whether a target holds the text sought.
        local function holds(target, needle)
          if #needle.classes == 0 then return true end
          local pos = 1
          while true do
            local hit, form = nil, nil
            for _, candidate in ipairs(needle.forms) do
              local at = string.find(target, candidate, pos, true)
              if at and (not hit or at < hit) then hit, form = at, candidate end
            end
            if not hit then return false end
            if startOf(target, needle, hit, form) then return true end
            pos = hit + 1
          end
        end
        -- The lines (codes, tab, code, tab, target) that hold the text sought in their target and have the actor's and
        -- kind's codes ('' for any), and their places (from 0) in found. With codes and few lines of them (codesFirst),
        -- or no text, the codes are found first, then the text in their lines' targets; else the text first, from hit
        -- to hit. Each search is a plain find, and lines are counted only up to a hit: a part costs its hits.
        local function countText(text, needle, w, k, found, codesFirst)
          local length = #text
          if length == 0 then return 0 end
          local n, pos, lineStart, line = 0, 1, 1, 0
          -- The line holding position at: its start, and its number counted from the last one.
          local function lineOf(at)
            if at > lineStart then
              local between = string.sub(text, lineStart, at - 1)
              local after = string.match(between, '^.*\n()')
              if after then
                local _, breaks = string.gsub(between, '\n', '\n')
                line = line + breaks
                lineStart = lineStart + after - 1
              end
            end
          end
          if w == '' and k == '' and #needle.classes == 0 then
            local _, breaks = string.gsub(text, '\n', '\n')
            if found then for each = 0, breaks do table.insert(found, each) end end
            return breaks + 1
          end
          if w ~= '' or k ~= '' then
            if #needle.classes == 0 or codesFirst then
              local codes = w ~= '' and (w .. '\t' .. (k ~= '' and (k .. '\t') or '')) or ('\t' .. k .. '\t')
              while pos <= length do
                local hit = string.find(text, codes, pos, true)
                if not hit then break end
                if w ~= '' and hit > 1 and string.byte(text, hit - 1) ~= 10 then
                  pos = hit + 1
                else
                  local lineEnd = string.find(text, '\n', hit, true) or (length + 1)
                  local targetStart = hit + #codes
                  if w ~= '' and k == '' then targetStart = string.find(text, '\t', targetStart, true) + 1 end
                  if holds(string.sub(text, targetStart, lineEnd - 1), needle) then
                    n = n + 1
                    if found then
                      lineOf(hit)
                      table.insert(found, line)
                    end
                  end
                  pos = lineEnd + 1
                end
              end
              return n
            end
          end
          local next = {}
          while pos <= length do
            local hit, form = nil, nil
            for i, candidate in ipairs(needle.forms) do
              local at = next[i]
              if at == nil or (at and at < pos) then
                at = string.find(text, candidate, pos, true) or false
                next[i] = at
              end
              if at and (not hit or at < hit) then hit, form = at, candidate end
            end
            if not hit then break end
            if not found and w == '' and k == '' and string.find(form, '[^0-9]') then
              -- Text alone, found where no code can be (codes are digits, and no form holds a tab): in the target.
              if startOf(text, needle, hit, form) then
                n = n + 1
                pos = (string.find(text, '\n', hit, true) or length) + 1
              else
                pos = hit + 1
              end
            else
              lineOf(hit)
              local first = string.find(text, '\t', lineStart, true)
              local second = string.find(text, '\t', first + 1, true)
              local start = startOf(text, needle, hit, form)
              if start and start > second then
                if (w == '' or string.sub(text, lineStart, first - 1) == w) and (k == '' or string.sub(text, first + 1, second - 1) == k) then
                  n = n + 1
                  if found then table.insert(found, line) end
                end
                pos = (string.find(text, '\n', hit, true) or length) + 1
              else
                pos = hit + 1
              end
            end
          end
          return n
        end
        -- With no more lines of the codes than this in a part, they are found first.
        local codesFirstBelow = 64
        """;

    /// <summary>
    /// ARGV: the actor in upper case, the kind, from (ms), before (ms) ('' for none of each), the part to count below
    /// ('' for the newest), how many parts at most, '1' for the lists, '1' to count text in the targets here and the
    /// text sought (<see cref="RedisAuditNeedle"/>). Counts, from the parts' tallies, the entries of each part that the
    /// filter's actor, kind and times pick, and with text, those whose target holds it, by a search through the part's
    /// text lines (one string: no entry is copied), each hit's line checked for the actor and kind (or, with few lines
    /// of them, their lines found first). A part whose times straddle from or before counts as minus what it may hold
    /// (to be read). Returns the last id given, the codes of the actor and kind ('' for
    /// any, '-' for one the log does not hold), the number of parts gone through, the last of them, the number counted, then each part with
    /// a count other than 0 and its count; with the lists, then the count of actors and the actors, the count of kinds and the kinds.
    /// </summary>
    public static readonly string Count = Search + "\n" + """
        local p = KEYS[1]
        local who, kind, from, before = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
        local w = who == '' and '' or (redis.call('HGET', p .. 'names', 'w' .. who) or '-')
        local k = kind == '' and '' or (redis.call('HGET', p .. 'names', 'k' .. kind) or '-')
        local field = nil
        if w ~= '' and k ~= '' then field = 'b' .. w .. '.' .. k elseif w ~= '' then field = 'w' .. w elseif k ~= '' then field = 'k' .. k end
        local needle = ARGV[8] == '1' and compile(ARGV[9]) or nil
        local parts = redis.call('ZRANGE', p .. 'parts', ARGV[5] == '' and '+inf' or ('(' .. ARGV[5]), '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, tonumber(ARGV[6]))
        local result = {tonumber(redis.call('GET', p .. 'next') or '0'), w, k, #parts, tonumber(parts[#parts] or '0'), 0}
        for _, part in ipairs(parts) do
          local s = p .. 's:' .. part
          local n
          if w == '-' or k == '-' then n = 0
          elseif field then n = tonumber(redis.call('HGET', s, field) or '0')
          else n = redis.call('LLEN', p .. 'e:' .. part) end
          if n > 0 and (from or before) then
            local bounds = redis.call('HMGET', s, '<', '>')
            local low, high = tonumber(bounds[1]), tonumber(bounds[2])
            if not low or not high then n = -n
            elseif (from and high < from) or (before and low >= before) then n = 0
            elseif (from and low < from) or (before and high >= before) then n = -n end
          end
          if n > 0 and needle then n = countText(redis.call('GET', p .. 't:' .. part) or '', needle, w, k, nil, field and n <= codesFirstBelow) end
          if n ~= 0 then
            table.insert(result, tonumber(part))
            table.insert(result, n)
            result[6] = result[6] + 1
          end
        end
        if ARGV[7] == '1' then
          local tally = redis.call('HGETALL', p .. 'tally')
          local actors, kinds = {}, {}
          for i = 1, #tally, 2 do
            local tag, c = string.sub(tally[i], 1, 1), string.sub(tally[i], 2)
            if tag == 'w' then table.insert(actors, redis.call('HGET', p .. 'names', 'a' .. c))
            else table.insert(kinds, redis.call('HGET', p .. 'names', 'c' .. c)) end
          end
          table.insert(result, #actors)
          for _, actor in ipairs(actors) do table.insert(result, actor) end
          table.insert(result, #kinds)
          for _, k in ipairs(kinds) do table.insert(result, k) end
        end
        return result
        """;

    /// <summary>
    /// ARGV: the actor's and kind's codes ('' for any), the text sought (<see cref="RedisAuditNeedle"/>, '' for any),
    /// then parts. Returns, for each part, its number, how many entries hold the text (with that actor and kind), and
    /// those entries, oldest first: only the page's entries are copied out of Redis (for Who or What alone too, so an
    /// actor with one entry in each of 500 parts costs 500 entries, not 500 parts).
    /// </summary>
    public static readonly string Find = Search + "\n" + """
        local p = KEYS[1]
        local needle = compile(ARGV[3])
        local w, k = ARGV[1], ARGV[2]
        local field = nil
        if w ~= '' and k ~= '' then field = 'b' .. w .. '.' .. k elseif w ~= '' then field = 'w' .. w elseif k ~= '' then field = 'k' .. k end
        local result = {}
        for i = 4, #ARGV do
          local found, e = {}, p .. 'e:' .. ARGV[i]
          local codesFirst = field and tonumber(redis.call('HGET', p .. 's:' .. ARGV[i], field) or '0') <= codesFirstBelow
          countText(redis.call('GET', p .. 't:' .. ARGV[i]) or '', needle, w, k, found, codesFirst)
          table.insert(result, tonumber(ARGV[i]))
          table.insert(result, #found)
          -- A few entries one by one; more, the part in one read (each LINDEX walks the list from an end).
          local all = #found > 8 and redis.call('LRANGE', e, 0, -1) or nil
          for _, line in ipairs(found) do table.insert(result, all and (all[line + 1] or '') or (redis.call('LINDEX', e, line) or '')) end
        end
        return result
        """;
}
