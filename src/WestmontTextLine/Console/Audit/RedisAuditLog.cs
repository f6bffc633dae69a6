using System.Runtime.CompilerServices;
using StackExchange.Redis;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The audit log in Redis, shared by every instance, under wtl:audit:* (<see cref="RedisAuditScripts"/>): each entry
/// one line under an id from one counter, in lists of <see cref="RedisAuditRecord.PartSize"/> ids, each with a small
/// tally by actor, kind and time, so the Audit page's view counts from the tallies and reads only the parts that hold
/// its page (<see cref="RedisAuditViews"/>); an append and the trim to the ceiling are one script. Pages and
/// <see cref="ReadAllAsync"/> go by id, never by position: an entry appended meanwhile neither repeats nor hides one.
/// The layouts of older versions (the sorted set and indexes of 2026-12-05, the list before it) are moved in, a part
/// at a time, at the first use.
/// </summary>
public sealed class RedisAuditLog(IConnectionMultiplexer redis, RedisKeys? keys = null, int capacity = IAuditLog.DefaultCapacity) : IAuditLog
{
    /// <summary>Entries deleted or moved at a time.</summary>
    public const int Batch = 2_000;

    private readonly string _prefix = (keys ?? new RedisKeys()).AuditKeys();
    private readonly string _olderList = (keys ?? new RedisKeys()).AuditLog();
    private readonly RedisAuditViews _views = new(redis, (keys ?? new RedisKeys()).AuditKeys());
    private volatile bool _moved;

    private IDatabase Database => redis.GetDatabase();

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await MoveOlderLayoutsAsync(cancellationToken);
        var over = (long)await Database.ScriptEvaluateAsync(RedisAuditScripts.Append, [_prefix],
        [
            entry.Time.ToUnixTimeMilliseconds(), AuditFilter.Folded(entry.Actor), entry.Actor, AuditFilter.KindOf(entry.Action), entry.Action,
            entry.Target, capacity, Batch, entry.OnceId ?? "", (long)AuditEntry.OnceIdKeptFor.TotalMilliseconds,
        ]).WaitAsync(cancellationToken);
        // A ceiling lowered since the log filled: the rest goes a batch at a time, so Redis never stops for it.
        while (over > 0)
        {
            over = (long)await Database.ScriptEvaluateAsync(RedisAuditScripts.Trim, [_prefix], [capacity, Batch]).WaitAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(int newestCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newestCount);
        if (newestCount == 0) return [];
        await MoveOlderLayoutsAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        await foreach (var record in _views.NewestFirstAsync(long.MaxValue, cancellationToken))
        {
            entries.Add(record.ToEntry());
            if (entries.Count == newestCount) break;
        }
        return entries;
    }

    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await MoveOlderLayoutsAsync(cancellationToken);
        var lastId = await _views.LastIdAsync(cancellationToken);
        await foreach (var record in _views.NewestFirstAsync(lastId, cancellationToken)) yield return record.ToEntry();
    }

    public async Task<AuditView> ReadViewAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await MoveOlderLayoutsAsync(cancellationToken);
        return await _views.ReadAsync(filter, page, pageSize, cancellationToken);
    }

    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await MoveOlderLayoutsAsync(cancellationToken);
        var purged = 0;
        RedisValue after = "";
        while (true)
        {
            var result = (RedisResult[])(await Database.ScriptEvaluateAsync(RedisAuditScripts.Purge, [_prefix],
                [cutoff.ToUnixTimeMilliseconds(), Batch, after, PartsSweptAtOnce]).WaitAsync(cancellationToken))!;
            purged += (int)result[0];
            after = (string?)result[1] ?? "";
            if ((int)result[2] == 1) return purged;
        }
    }

    /// <summary>
    /// The most parts the age sweep looks at in one script (each a step of 1-3 µs, a tally's size: at the largest
    /// ceiling, 5,000,000 entries, one script for every part held Redis 34-89 ms each hour on a loaded machine).
    /// </summary>
    internal int PartsSweptAtOnce { get; init; } = 500;

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await MoveOlderLayoutsAsync(cancellationToken);
        return (long?)await Database.StringGetAsync(_prefix + "count").WaitAsync(cancellationToken) ?? 0;
    }

    /// <summary>
    /// Moves the layouts older versions kept in, once per process: the sorted set of 2026-12-05 under the entries' own
    /// ids, then the list before it (wtl:audit) below every id; a part at a time, each part one script, so instances
    /// moving them at once move each entry once, and in order.
    /// </summary>
    private async Task MoveOlderLayoutsAsync(CancellationToken cancellationToken)
    {
        if (_moved) return;
        while ((int)await Database.ScriptEvaluateAsync(RedisAuditScripts.MoveFromSortedSet, [_prefix], [MovedAtOnce]).WaitAsync(cancellationToken) > 0)
        {
        }
        while ((int)await Database.ScriptEvaluateAsync(RedisAuditScripts.MoveFromList, [_prefix, _olderList], [MovedAtOnce]).WaitAsync(cancellationToken) > 0)
        {
        }
        _moved = true;
    }

    /// <summary>Entries moved in by one script (each decoded from JSON: some 10 µs).</summary>
    private const int MovedAtOnce = 500;
}
