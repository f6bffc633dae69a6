using System.Runtime.CompilerServices;

namespace WestmontTextLine.Console.Audit;

/// <summary>The audit log in this process only, for tests: the same contract as the stored ones.</summary>
public sealed class InMemoryAuditLog(int capacity = IAuditLog.DefaultCapacity) : IAuditLog
{
    private readonly LinkedList<AuditEntry> _newestFirst = [];
    private readonly HashSet<string> _onceIds = [];

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_newestFirst)
        {
            if (entry.OnceId is { } onceId && !_onceIds.Add(onceId)) return Task.CompletedTask;
            // Read back as the stored logs read it: the once id is theirs to remember, not the entry's to show.
            _newestFirst.AddFirst(entry with { OnceId = null });
            while (_newestFirst.Count > capacity) _newestFirst.RemoveLast();
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(int newestCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newestCount);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_newestFirst) return Task.FromResult<IReadOnlyList<AuditEntry>>([.. _newestFirst.Take(newestCount)]);
    }

    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var entry in await ReadAsync(int.MaxValue, cancellationToken)) yield return entry;
    }

    public Task<AuditView> ReadViewAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_newestFirst)
        {
            var matching = _newestFirst.Where(filter.Matches).ToList();
            var shown = AuditView.PageWithin(page, matching.Count, pageSize);
            return Task.FromResult(new AuditView([.. matching.Skip(shown * pageSize).Take(pageSize)], matching.Count, shown,
                [.. _newestFirst.Select(entry => entry.Actor).Distinct()], [.. _newestFirst.Select(entry => AuditFilter.KindOf(entry.Action)).Distinct()]));
        }
    }

    public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        lock (_newestFirst)
        {
            var purged = 0;
            // Newest first: the old ones are at the end (an entry written under a clock stepped back may sit among newer ones).
            for (var node = _newestFirst.Last; node is not null;)
            {
                var previous = node.Previous;
                if (node.Value.Time < cutoff)
                {
                    _newestFirst.Remove(node);
                    purged++;
                }
                node = previous;
            }
            return Task.FromResult(purged);
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        lock (_newestFirst) return Task.FromResult((long)_newestFirst.Count);
    }
}
