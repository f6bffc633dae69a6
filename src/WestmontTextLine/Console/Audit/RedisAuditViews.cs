using System.Globalization;
using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The Audit page's view on Redis (<see cref="RedisAuditLog"/>'s keys, <see cref="RedisAuditScripts"/>). The parts'
/// tallies count what the actor, kind and days pick (<see cref="RedisAuditScripts.Count"/>, a few thousand parts a
/// call), so only the parts that hold the page are read, and those whose times straddle a day asked for. Text in "To
/// what", which no tally holds, is searched by Redis in every part the other filters leave, in any letters
/// (<see cref="RedisAuditNeedle"/>), a few parts a call, each one short command (Redis never stops for an
/// administrator's search). Of the parts that hold the page, a view by who, what or text gets only the matching
/// entries (<see cref="RedisAuditScripts.Find"/>), in calls of a few parts, sent at once. Entries appended while a view
/// is read are left out of it (ids above the last one given when it began); entries trimmed or swept meanwhile (the
/// oldest) leave the last page as it now is, with the count it now has.
/// </summary>
internal sealed class RedisAuditViews(IConnectionMultiplexer redis, string prefix)
{
    /// <summary>The most parts whose tallies one call reads.</summary>
    public const int PartsCountedAtOnce = 2_000;

    /// <summary>The most parts whose text one call searches (up to some 75 µs each, when every line holds it).</summary>
    public const int PartsSearchedAtOnce = 40;

    /// <summary>The most parts read at once (each one command).</summary>
    public const int PartsReadAtOnce = 16;

    private IDatabase Database => redis.GetDatabase();

    public async Task<AuditView> ReadAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var needle = filter.TargetContains is { } about ? RedisAuditNeedle.For(about) : null;
        for (var attempt = 1; ; attempt++)
        {
            var (view, whole) = await ReadOnceAsync(filter, needle, page, pageSize, cancellationToken);
            if (whole || attempt == ReadAttempts) return view;
        }
    }

    /// <summary>
    /// How many times a view is read when entries went between its count and its page (the ceiling's trim, the age
    /// sweep) and left a page other than the last one short, or the last one empty: each read is short only then.
    /// </summary>
    private const int ReadAttempts = 3;

    /// <summary>
    /// One read of a view: the count from the tallies, then only the parts that hold the page. Whether the page is
    /// whole: a last page that lost entries since the count is shown as it is, with the count it has now (the oldest
    /// went first, so none matching is missed).
    /// </summary>
    private async Task<(AuditView View, bool Whole)> ReadOnceAsync(AuditFilter filter, string? needle, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        var tallies = await CountAsync(filter, needle, cancellationToken);
        var match = new Match(filter, tallies);
        // The parts whose times straddle from or before, which the tallies cannot count, are read and counted here, and
        // every part for a text Redis cannot search (RedisAuditNeedle: half a surrogate pair).
        var textHere = filter.TargetContains is not null && needle is null;
        var unsure = tallies.Parts.Where(part => part.Count < 0 || textHere).Select(part => part.Number).ToList();
        var counted = new Dictionary<long, int>();
        for (var at = 0; at < unsure.Count; at += PartsReadAtOnce)
        {
            var batch = unsure.Skip(at).Take(PartsReadAtOnce).ToList();
            var lists = batch.Select(part => ReadPartAsync(part, cancellationToken)).ToList();
            for (var i = 0; i < batch.Count; i++)
            {
                var matching = 0;
                foreach (var value in await lists[i]) if (match.Matches(RedisAuditRecord.Parse((byte[])value!))) matching++;
                counted[batch[i]] = matching;
            }
        }
        var sizes = tallies.Parts.Select(part => (part.Number, Count: counted.TryGetValue(part.Number, out var n) ? n : part.Count))
            .Where(part => part.Count > 0).ToList();
        var total = sizes.Sum(part => (long)part.Count);
        var shown = AuditView.PageWithin(page, total, pageSize);
        var skip = (long)shown * pageSize;
        var wanted = (int)Math.Min(pageSize, total - skip);
        // The parts that hold the page, exactly (the counts are exact): the first from which it starts, on to its end.
        var holding = new List<long>();
        var inHolding = 0L;
        foreach (var (number, count) in sizes)
        {
            if (holding.Count == 0 && skip >= count)
            {
                skip -= count;
                continue;
            }
            holding.Add(number);
            inHolding += count;
            if (inHolding >= skip + wanted) break;
        }
        // Only the entries that match, when the filter picks some of a part (by who or what, or with text); every
        // entry of a part it takes whole. Bounded calls, all sent at once, read in order.
        var picked = needle is not null || tallies.Who != 0 || tallies.Kind != 0;
        var batches = holding.Chunk(PartsReadAtOnce).ToList();
        var reads = batches
            .Select(batch => RecordsOfAsync(batch, picked ? [.. batch.Where(part => !counted.ContainsKey(part))] : [], tallies, needle ?? "", cancellationToken))
            .ToList();
        var entries = new List<AuditEntry>(wanted);
        foreach (var (batch, read) in batches.Zip(reads))
        {
            var lists = await read;
            foreach (var part in batch)
            {
                var values = lists[part];
                for (var i = values.Length - 1; i >= 0 && entries.Count < pageSize; i--)
                {
                    var record = RedisAuditRecord.Parse((byte[])values[i]!);
                    if (!match.Matches(record)) continue;
                    if (skip > 0)
                    {
                        skip--;
                        continue;
                    }
                    entries.Add(record.ToEntry());
                }
            }
        }
        var whole = true;
        if (entries.Count < wanted)
        {
            // Entries went since the count: the oldest (the ceiling's trim, the age sweep). A last page is what is left
            // of it, and the count what the log holds now; another page, or a last page with nothing left, is read again.
            var lastPage = (long)shown * pageSize + wanted == total;
            whole = lastPage && entries.Count > 0;
            if (lastPage) total = (long)shown * pageSize + entries.Count;
        }
        return (new AuditView(entries, (int)Math.Min(total, int.MaxValue), shown, tallies.Actors, tallies.Kinds), whole);
    }

    /// <summary>
    /// Every entry with an id up to <paramref name="lastId"/>, newest first, a few parts at a time: an entry appended
    /// meanwhile neither repeats nor hides one.
    /// </summary>
    public async IAsyncEnumerable<RedisAuditRecord> NewestFirstAsync(long lastId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var below = double.PositiveInfinity;
        while (true)
        {
            var parts = await Database.SortedSetRangeByScoreAsync(prefix + "parts", double.NegativeInfinity, below, Exclude.Stop, Order.Descending,
                0, PartsReadAtOnce).WaitAsync(cancellationToken);
            var lists = parts.Select(part => ReadPartAsync((long)part, cancellationToken)).ToList();
            foreach (var list in lists)
            {
                var values = await list;
                for (var i = values.Length - 1; i >= 0; i--)
                {
                    var record = RedisAuditRecord.Parse((byte[])values[i]!);
                    if (record.Id <= lastId) yield return record;
                }
            }
            if (parts.Length < PartsReadAtOnce) yield break;
            below = (long)parts[^1];
        }
    }

    /// <summary>The last id given so far (entries above it came after).</summary>
    public async Task<long> LastIdAsync(CancellationToken cancellationToken) =>
        (long?)await Database.StringGetAsync(prefix + "next").WaitAsync(cancellationToken) ?? 0;

    /// <summary>
    /// The entries of each part, oldest first: of <paramref name="searchedParts"/>, only those that hold the text
    /// sought (<paramref name="needle"/>, '' for any) and have the view's actor and kind, all in one call; of the others, every entry.
    /// </summary>
    private async Task<Dictionary<long, RedisValue[]>> RecordsOfAsync(long[] parts, List<long> searchedParts, Tallies tallies, string needle,
        CancellationToken cancellationToken)
    {
        var whole = parts.Except(searchedParts).Select(part => (part, ReadPartAsync(part, cancellationToken))).ToList();
        var lists = new Dictionary<long, RedisValue[]>();
        if (searchedParts.Count > 0)
        {
            var result = (RedisResult[])(await Database.ScriptEvaluateAsync(RedisAuditScripts.Find, [prefix],
            [
                CodeText(tallies.Who), CodeText(tallies.Kind), needle, .. searchedParts.Select(part => (RedisValue)part),
            ]).WaitAsync(cancellationToken))!;
            for (var at = 0; at < result.Length;)
            {
                var part = (long)result[at++];
                var count = (int)result[at++];
                lists[part] = [.. result[at..(at + count)].Select(value => (RedisValue)value)];
                at += count;
            }
        }
        foreach (var (part, read) in whole) lists[part] = await read;
        return lists;
    }

    private static string CodeText(int code) => code == 0 ? "" : code.ToString(CultureInfo.InvariantCulture);

    private Task<RedisValue[]> ReadPartAsync(long part, CancellationToken cancellationToken) =>
        Database.ListRangeAsync(prefix + "e:" + part.ToString(CultureInfo.InvariantCulture)).WaitAsync(cancellationToken);

    private async Task<Tallies> CountAsync(AuditFilter filter, string? needle, CancellationToken cancellationToken)
    {
        var parts = new List<(long Number, int Count)>();
        RedisValue below = "";
        Tallies? first = null;
        var atOnce = needle is null ? PartsCountedAtOnce : PartsSearchedAtOnce;
        while (true)
        {
            var result = (RedisResult[])(await Database.ScriptEvaluateAsync(RedisAuditScripts.Count, [prefix],
            [
                filter.Actor is null ? "" : AuditFilter.Folded(filter.Actor), filter.Kind ?? "", Milliseconds(filter.From), Milliseconds(filter.Before),
                below, atOnce, first is null ? "1" : "", needle is null ? "" : "1", needle ?? "",
            ]).WaitAsync(cancellationToken))!;
            var at = 0;
            var lastId = (long)result[at++];
            var who = Code((string)result[at++]!);
            var kind = Code((string)result[at++]!);
            var gone = (int)result[at++];
            var lastGone = (long)result[at++];
            var found = (int)result[at++];
            for (var i = 0; i < found; i++, at += 2) parts.Add(((long)result[at], (int)result[at + 1]));
            if (first is null)
            {
                var actors = new List<string>();
                for (var count = (int)result[at++]; count > 0; count--) actors.Add((string)result[at++]!);
                var kinds = new List<string>();
                for (var count = (int)result[at++]; count > 0; count--) kinds.Add((string)result[at++]!);
                first = new Tallies(lastId, who, kind, parts, actors, kinds);
            }
            if (gone < atOnce) return first;
            below = lastGone.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>'' (any) as 0, '-' (a name the log does not hold) as -1, else the code.</summary>
    private static int Code(string value) => value switch { "" => 0, "-" => -1, _ => int.Parse(value, CultureInfo.InvariantCulture) };

    private static string Milliseconds(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "";

    private sealed record Tallies(long LastId, int Who, int Kind, List<(long Number, int Count)> Parts, List<string> Actors, List<string> Kinds);

    /// <summary>The filter on a stored entry: its codes for the actor and kind, its time, its target's text; none after the view began.</summary>
    private sealed class Match(AuditFilter filter, Tallies tallies)
    {
        private readonly long? _from = filter.From?.ToUnixTimeMilliseconds();
        private readonly long? _before = filter.Before?.ToUnixTimeMilliseconds();

        public bool Matches(RedisAuditRecord record) =>
            record.Id <= tallies.LastId
            && (tallies.Who == 0 || record.Who == tallies.Who)
            && (tallies.Kind == 0 || record.Kind == tallies.Kind)
            && (_from is null || record.At >= _from)
            && (_before is null || record.At < _before)
            && (filter.TargetContains is null || record.TargetContains(filter.TargetContains));
    }
}
