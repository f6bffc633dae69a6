using System.Runtime.CompilerServices;
using System.Text.Json;
using StackExchange.Redis;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The Audit page's view on Redis (<see cref="RedisAuditLog"/>'s keys, <see cref="RedisAuditScripts"/>). A view the
/// indexes answer at small cost (by actor, by kind, both when one is under <see cref="IntersectedAtMost"/> entries, and
/// times in range when under that many) is one script: the count and one page, of one moment. Any other (text in "To
/// what", which no index holds; a range of months with another filter) is read here a part at a time by id, from the
/// smallest index that fits, so Redis never stops for it: each part is one short command, as the line's texters'
/// turns need. Times alone count by their index and read only down to the page.
/// </summary>
internal sealed class RedisAuditViews(IConnectionMultiplexer redis, string prefix)
{
    /// <summary>The most entries a view's script goes through at once.</summary>
    public const int IntersectedAtMost = 20_000;

    private IDatabase Database => redis.GetDatabase();

    public async Task<AuditView> ReadAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var who = filter.Actor is null ? null : prefix + "who:" + AuditFilter.Folded(filter.Actor);
        var what = filter.Kind is null ? null : prefix + "what:" + filter.Kind;
        var dated = filter.From is not null || filter.Before is not null;
        var from = filter.From?.ToUnixTimeMilliseconds() ?? double.NegativeInfinity;
        var before = filter.Before?.ToUnixTimeMilliseconds() ?? double.PositiveInfinity;
        var whoSize = who is null ? long.MaxValue : await Database.SortedSetLengthAsync(who).WaitAsync(cancellationToken);
        var whatSize = what is null ? long.MaxValue : await Database.SortedSetLengthAsync(what).WaitAsync(cancellationToken);
        var inTime = dated ? await Database.SortedSetLengthAsync(prefix + "at", from, before, Exclude.Stop).WaitAsync(cancellationToken) : 0;
        if (filter.TargetContains is null && (!dated || inTime <= IntersectedAtMost) && (who is null || what is null || Math.Min(whoSize, whatSize) <= IntersectedAtMost))
        {
            return await ScriptedAsync(filter, page, pageSize, cancellationToken);
        }
        var (actors, kinds) = await NamesAsync(cancellationToken);
        if (filter.TargetContains is null && who is null && what is null)
        {
            return await InTimeAsync(filter, inTime, page, pageSize, actors, kinds, cancellationToken);
        }
        var source = who is null && what is null ? null : whoSize <= whatSize ? who : what;
        return await ScannedAsync(source, filter, page, pageSize, actors, kinds, cancellationToken);
    }

    /// <summary>
    /// Every entry of an index (<paramref name="index"/>: a sorted set of ids), or of the whole log (null), newest
    /// first, a part at a time below the last id read; the next part is asked for while this one is gone through.
    /// </summary>
    public async IAsyncEnumerable<AuditEntry> ScanAsync(string? index, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Task<(int Read, double Last, IEnumerable<RedisValue> Entries)>? next = PartAsync(index, double.PositiveInfinity, cancellationToken);
        while (next is not null)
        {
            var (read, last, entries) = await next;
            next = read == RedisAuditLog.Batch ? PartAsync(index, last, cancellationToken) : null;
            foreach (var value in entries) yield return Read((byte[])value!);
        }
    }

    private async Task<(int Read, double Last, IEnumerable<RedisValue> Entries)> PartAsync(string? index, double below, CancellationToken cancellationToken)
    {
        if (index is null)
        {
            var part = await Database.SortedSetRangeByScoreWithScoresAsync(prefix + "log", double.NegativeInfinity, below, Exclude.Stop, Order.Descending,
                0, RedisAuditLog.Batch).WaitAsync(cancellationToken);
            return (part.Length, part.Length == 0 ? 0 : part[^1].Score, part.Select(entry => entry.Element));
        }
        var result = (RedisResult[])(await Database.ScriptEvaluateAsync(RedisAuditScripts.Part, [prefix, index],
            [double.IsPositiveInfinity(below) ? "+inf" : "(" + below.ToString(System.Globalization.CultureInfo.InvariantCulture), RedisAuditLog.Batch])
            .WaitAsync(cancellationToken))!;
        return ((int)result[0], (double)result[1], result[2..].Select(value => (RedisValue)value));
    }

    public static AuditEntry Read(byte[] value)
    {
        var stored = JsonSerializer.Deserialize(value, AuditJson.Default.StoredEntry)!;
        return new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(stored.At), stored.Actor, stored.Action, stored.Target);
    }

    private async Task<AuditView> ScriptedAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await Database.ScriptEvaluateAsync(RedisAuditScripts.View, [prefix],
        [
            filter.Actor is null ? "" : AuditFilter.Folded(filter.Actor), filter.Kind ?? "", Milliseconds(filter.From), Milliseconds(filter.Before),
            Math.Max(0, page), pageSize,
        ]).WaitAsync(cancellationToken))!;
        var at = 0;
        var matching = (int)result[at++];
        var shown = (int)result[at++];
        var actors = new List<string>();
        for (var count = (int)result[at++]; count > 0; count--) actors.Add((string)result[at++]!);
        var kinds = new List<string>();
        for (var count = (int)result[at++]; count > 0; count--) kinds.Add((string)result[at++]!);
        return new AuditView([.. result[at..].Select(value => Read((byte[])value!))], matching, shown, actors, kinds);
    }

    /// <summary>Times alone: counted by their index, and read from the newest only down to the page shown.</summary>
    private async Task<AuditView> InTimeAsync(AuditFilter filter, long matching, int page, int pageSize, List<string> actors, List<string> kinds,
        CancellationToken cancellationToken)
    {
        var shown = AuditView.PageWithin(page, matching, pageSize);
        var skip = (long)shown * pageSize;
        var entries = new List<AuditEntry>(pageSize);
        await foreach (var entry in ScanAsync(null, cancellationToken))
        {
            if (!filter.Matches(entry)) continue;
            if (skip-- > 0) continue;
            entries.Add(entry);
            if (entries.Count == pageSize) break;
        }
        return new AuditView(entries, (int)matching, shown, actors, kinds);
    }

    /// <summary>Every entry of the source, filtered here; only the page shown is kept (and the last so far, for a page past the end).</summary>
    private async Task<AuditView> ScannedAsync(string? source, AuditFilter filter, int page, int pageSize, List<string> actors, List<string> kinds,
        CancellationToken cancellationToken)
    {
        var wanted = (long)Math.Max(0, page) * pageSize;
        var entries = new List<AuditEntry>(pageSize);
        var lastPage = new List<AuditEntry>(pageSize);
        var matching = 0;
        await foreach (var entry in ScanAsync(source, cancellationToken))
        {
            if (!filter.Matches(entry)) continue;
            if (matching >= wanted && entries.Count < pageSize) entries.Add(entry);
            if (matching % pageSize == 0) lastPage.Clear();
            lastPage.Add(entry);
            matching++;
        }
        var shown = AuditView.PageWithin(page, matching, pageSize);
        return new AuditView(entries.Count > 0 || matching == 0 ? entries : lastPage, matching, shown, actors, kinds);
    }

    private async Task<(List<string> Actors, List<string> Kinds)> NamesAsync(CancellationToken cancellationToken)
    {
        var actors = await Database.HashValuesAsync(prefix + "actors").WaitAsync(cancellationToken);
        var kinds = await Database.SetMembersAsync(prefix + "kinds").WaitAsync(cancellationToken);
        return ([.. actors.Select(actor => (string)actor!)], [.. kinds.Select(kind => (string)kind!)]);
    }

    private static string Milliseconds(DateTimeOffset? time) =>
        time?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
