namespace WestmontTextLine.Console.Audit;

/// <summary>The audit log in this process only, for tests: the same contract as the stored ones.</summary>
public sealed class InMemoryAuditLog(int capacity = IAuditLog.DefaultCapacity) : IAuditLog
{
    private readonly LinkedList<AuditEntry> _newestFirst = [];

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_newestFirst)
        {
            _newestFirst.AddFirst(entry);
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
}
