using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The audit log in Redis, shared by every instance, under wtl:audit:* (<see cref="RedisAuditScripts"/>): each entry
/// under an id from one counter, with indexes by actor, kind of action and time, so the Audit page's view reads about
/// one page (<see cref="RedisAuditViews"/>); an append and the trim to the ceiling are one script, so the log never
/// holds more. Pages and <see cref="ReadAllAsync"/> go by id, never by position: an entry appended meanwhile neither repeats
/// nor hides one. The list an older version kept (wtl:audit) is moved in, a part at a time, at the first use.
/// </summary>
public sealed class RedisAuditLog(IConnectionMultiplexer redis, RedisKeys? keys = null, int capacity = IAuditLog.DefaultCapacity) : IAuditLog
{
    /// <summary>Entries read, deleted or moved at a time.</summary>
    public const int Batch = 2_000;

    private readonly string _prefix = (keys ?? new RedisKeys()).AuditKeys();
    private readonly string _olderList = (keys ?? new RedisKeys()).AuditLog();
    private readonly RedisAuditViews _views = new(redis, (keys ?? new RedisKeys()).AuditKeys());
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
            [JsonSerializer.SerializeToUtf8Bytes(stored, AuditJson.Default.StoredEntry), stored.At, who, entry.Actor, kind, capacity]).WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(int newestCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newestCount);
        if (newestCount == 0) return [];
        await MoveOlderListAsync(cancellationToken);
        return await ReadNewestAsync(newestCount, cancellationToken);
    }

    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await MoveOlderListAsync(cancellationToken);
        await foreach (var entry in _views.ScanAsync(null, cancellationToken)) yield return entry;
    }

    public async Task<AuditView> ReadViewAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await MoveOlderListAsync(cancellationToken);
        return await _views.ReadAsync(filter, page, pageSize, cancellationToken);
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
        return await Database.SortedSetLengthAsync(_prefix + "log").WaitAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<AuditEntry>> ReadNewestAsync(int count, CancellationToken cancellationToken)
    {
        var values = await Database.SortedSetRangeByRankAsync(_prefix + "log", 0, count - 1, Order.Descending).WaitAsync(cancellationToken);
        return [.. values.Select(value => RedisAuditViews.Read((byte[])value!))];
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

    /// <summary>An entry as stored: with W (its actor in upper case) and K (its kind), the keys of its indexes, for its removal.</summary>
    internal sealed record StoredEntry(long At, string Actor, string Action, string Target, string W, string K)
    {
        /// <summary>Its id, which the append script writes in (so not written here); two entries alike are then two members of the log.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        public long N { get; init; }
    }
}

[JsonSerializable(typeof(RedisAuditLog.StoredEntry))]
internal sealed partial class AuditJson : JsonSerializerContext;
