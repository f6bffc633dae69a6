using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The audit log in Redis, shared by every instance, under wtl:audit:* (<see cref="RedisAuditScripts"/>): each entry
/// under an id from one counter, with indexes by actor, kind of action and time, so the Audit page's view is one
/// script that reads about one page; an append and the trim to the ceiling are one script, so the log never holds
/// more. Pages and <see cref="ReadAllAsync"/> go by id, never by position: an entry appended meanwhile neither repeats
/// nor hides one. The list an older version kept (wtl:audit) is moved in, a part at a time, at the first use.
/// </summary>
public sealed class RedisAuditLog(IConnectionMultiplexer redis, RedisKeys? keys = null, int capacity = IAuditLog.DefaultCapacity) : IAuditLog
{
    /// <summary>Entries read, deleted or moved at a time.</summary>
    public const int Batch = 2_000;

    private readonly string _prefix = (keys ?? new RedisKeys()).AuditKeys();
    private readonly string _olderList = (keys ?? new RedisKeys()).AuditLog();
    private volatile bool _moved;

    private IDatabase Database => redis.GetDatabase();

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await MoveOlderListAsync(cancellationToken);
        var who = AuditFilter.Folded(entry.Actor);
        var kind = AuditFilter.KindOf(entry.Action);
        var stored = new StoredEntry(entry.Time.ToUnixTimeMilliseconds(), entry.Actor, entry.Action, entry.Target, who, kind);
        await Database.ScriptEvaluateAsync(RedisAuditScripts.Append, [_prefix],
            [JsonSerializer.SerializeToUtf8Bytes(stored, AuditJson.Default.StoredEntry), stored.At, who, entry.Actor, kind,
                AuditFilter.Folded(entry.Target), capacity]).WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(int newestCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newestCount);
        if (newestCount == 0) return [];
        await MoveOlderListAsync(cancellationToken);
        return await ReadBelowAsync(double.PositiveInfinity, newestCount, cancellationToken);
    }

    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await MoveOlderListAsync(cancellationToken);
        var below = double.PositiveInfinity;
        while (true)
        {
            var ids = await Database.SortedSetRangeByScoreAsync(_prefix + "ids", double.NegativeInfinity, below, Exclude.Stop, Order.Descending, 0, Batch)
                .WaitAsync(cancellationToken);
            if (ids.Length == 0) yield break;
            foreach (var entry in await EntriesAsync(ids, cancellationToken)) yield return entry;
            if (ids.Length < Batch) yield break;
            below = (double)ids[^1];
        }
    }

    public async Task<AuditView> ReadViewAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await MoveOlderListAsync(cancellationToken);
        var result = (RedisResult[])(await Database.ScriptEvaluateAsync(RedisAuditScripts.View, [_prefix],
        [
            filter.Actor is null ? "" : AuditFilter.Folded(filter.Actor), filter.Kind ?? "",
            filter.From?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            filter.Before?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            filter.TargetContains is null ? "" : AuditFilter.Folded(filter.TargetContains), Math.Max(0, page), pageSize,
        ]).WaitAsync(cancellationToken))!;
        var at = 0;
        var matching = (int)result[at++];
        var shown = (int)result[at++];
        var actors = new List<string>();
        for (var count = (int)result[at++]; count > 0; count--) actors.Add((string)result[at++]!);
        var kinds = new List<string>();
        for (var count = (int)result[at++]; count > 0; count--) kinds.Add((string)result[at++]!);
        var entries = result[at..].Select(value => Read((byte[])value!)).ToList();
        return new AuditView(entries, matching, shown, actors, kinds);
    }

    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await MoveOlderListAsync(cancellationToken);
        var purged = 0;
        while (true)
        {
            var deleted = (int)await Database.ScriptEvaluateAsync(RedisAuditScripts.Purge, [_prefix], [cutoff.ToUnixTimeMilliseconds(), Batch])
                .WaitAsync(cancellationToken);
            purged += deleted;
            if (deleted < Batch) return purged;
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await MoveOlderListAsync(cancellationToken);
        return await Database.SortedSetLengthAsync(_prefix + "ids").WaitAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<AuditEntry>> ReadBelowAsync(double below, int count, CancellationToken cancellationToken)
    {
        var ids = await Database.SortedSetRangeByScoreAsync(_prefix + "ids", double.NegativeInfinity, below, Exclude.Stop, Order.Descending, 0, count)
            .WaitAsync(cancellationToken);
        return await EntriesAsync(ids, cancellationToken);
    }

    /// <summary>The entries of these ids, in their order; one deleted since (past the ceiling, or by age) is left out.</summary>
    private async Task<List<AuditEntry>> EntriesAsync(RedisValue[] ids, CancellationToken cancellationToken)
    {
        if (ids.Length == 0) return [];
        var values = await Database.HashGetAsync(_prefix + "entries", ids).WaitAsync(cancellationToken);
        return [.. values.Where(value => value.HasValue).Select(value => Read((byte[])value!))];
    }

    /// <summary>
    /// Moves the list an older version kept (wtl:audit) in, once per process: a part at a time, each part one script,
    /// so instances moving it at once move each entry once, and in order.
    /// </summary>
    private async Task MoveOlderListAsync(CancellationToken cancellationToken)
    {
        if (_moved) return;
        while ((int)await Database.ScriptEvaluateAsync(RedisAuditScripts.MoveFromList, [_prefix, _olderList], [Batch]).WaitAsync(cancellationToken) > 0)
        {
        }
        _moved = true;
    }

    private static AuditEntry Read(byte[] value)
    {
        var stored = JsonSerializer.Deserialize(value, AuditJson.Default.StoredEntry)!;
        return new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(stored.At), stored.Actor, stored.Action, stored.Target);
    }

    /// <summary>An entry as stored: with W (its actor in upper case) and K (its kind), the keys of its indexes, for its removal.</summary>
    internal sealed record StoredEntry(long At, string Actor, string Action, string Target, string W, string K);
}

[JsonSerializable(typeof(RedisAuditLog.StoredEntry))]
internal sealed partial class AuditJson : JsonSerializerContext;
