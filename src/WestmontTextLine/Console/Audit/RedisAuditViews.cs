using System.Globalization;
using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The Audit page's view on Redis (<see cref="RedisAuditLog"/>'s keys, <see cref="RedisAuditScripts"/>). The parts'
/// tallies count what the actor, kind and days pick (<see cref="RedisAuditScripts.Count"/>, a few thousand parts a
/// call), so only the parts that hold the page are read, and those whose times straddle a day asked for. Text in "To
/// what", which no tally holds, reads every part the other filters leave, a few parts a call, each one short command
/// (Redis never stops for an administrator's search), and the entries it leaves out are never copied. Entries
/// appended while a view is read are left out of it (ids above the last one given when it began).
/// </summary>
internal sealed class RedisAuditViews(IConnectionMultiplexer redis, string prefix)
{
    /// <summary>The most parts whose tallies one call reads.</summary>
    public const int PartsCountedAtOnce = 2_000;

    /// <summary>The most parts whose text one call searches (some 10 µs each).</summary>
    public const int PartsSearchedAtOnce = 200;

    /// <summary>The most parts read at once (each one command).</summary>
    public const int PartsReadAtOnce = 16;

    private IDatabase Database => redis.GetDatabase();

    public async Task<AuditView> ReadAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var tallies = await CountAsync(filter, cancellationToken);
        var match = new Match(filter, tallies);
        // The parts the tallies cannot count alone (straddling times, or any with "To what") are read and counted.
        var parts = tallies.Parts;
        var textHere = filter.TargetContains is not null && !SearchedInRedis(filter.TargetContains);
        var unsure = parts.Where(part => part.Count < 0 || textHere).Select(part => part.Number).ToList();
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
        var sizes = parts.Select(part => (part.Number, Count: counted.TryGetValue(part.Number, out var n) ? n : part.Count)).Where(part => part.Count > 0).ToList();
        var total = sizes.Sum(part => (long)part.Count);
        var shown = AuditView.PageWithin(page, total, pageSize);
        var skip = (long)shown * pageSize;
        var holding = new List<long>();
        foreach (var (number, count) in sizes)
        {
            if (holding.Count == 0 && skip >= count)
            {
                skip -= count;
                continue;
            }
            holding.Add(number);
        }
        var entries = new List<AuditEntry>(pageSize);
        var searched = filter.TargetContains is { } about && !textHere ? about.ToLowerInvariant() : null;
        for (var at = 0; at < holding.Count && entries.Count < pageSize; at += PartsReadAtOnce)
        {
            var batch = holding.Skip(at).Take(PartsReadAtOnce).ToList();
            var lists = await RecordsOfAsync(batch, searched is null ? [] : [.. batch.Where(part => !counted.ContainsKey(part))], tallies, searched,
                cancellationToken);
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
        return new AuditView(entries, (int)Math.Min(total, int.MaxValue), shown, tallies.Actors, tallies.Kinds);
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
    /// The entries of each part, oldest first: of the parts Redis searched for the text (<paramref name="searched"/>),
    /// only those that hold it, all in one call; of the others, every entry.
    /// </summary>
    private async Task<Dictionary<long, RedisValue[]>> RecordsOfAsync(List<long> parts, List<long> searchedParts, Tallies tallies, string? text,
        CancellationToken cancellationToken)
    {
        var whole = parts.Except(searchedParts).Select(part => (part, ReadPartAsync(part, cancellationToken))).ToList();
        var lists = new Dictionary<long, RedisValue[]>();
        if (searchedParts.Count > 0)
        {
            var result = (RedisResult[])(await Database.ScriptEvaluateAsync(RedisAuditScripts.Find, [prefix],
            [
                CodeText(tallies.Who), CodeText(tallies.Kind), text!, .. searchedParts.Select(part => (RedisValue)part),
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

    private async Task<Tallies> CountAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var parts = new List<(long Number, int Count)>();
        RedisValue below = "";
        Tallies? first = null;
        var text = filter.TargetContains is { } about && SearchedInRedis(about) ? about.ToLowerInvariant() : null;
        var atOnce = text is null ? PartsCountedAtOnce : PartsSearchedAtOnce;
        while (true)
        {
            var result = (RedisResult[])(await Database.ScriptEvaluateAsync(RedisAuditScripts.Count, [prefix],
            [
                filter.Actor is null ? "" : AuditFilter.Folded(filter.Actor), filter.Kind ?? "", Milliseconds(filter.From), Milliseconds(filter.Before),
                below, atOnce, first is null ? "1" : "", text is null ? "" : "1", text ?? "",
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

    /// <summary>
    /// Whether Redis counts this text in the targets itself: printable ASCII, which Lua's lower case folds as .NET's
    /// comparison does (a part holding other letters is read here all the same).
    /// </summary>
    private static bool SearchedInRedis(string text) => text.All(character => character is >= ' ' and <= '~');

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
