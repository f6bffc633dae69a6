namespace WestmontTextLine.Scheduling;

/// <summary>
/// Scheduled work in this process only, gone when it ends: for `chat` and tests of the features that use the queue.
/// It keeps the same contract as the real stores.
/// </summary>
public sealed class InMemoryScheduledWork : IScheduledWork
{
    private readonly Dictionary<(string Kind, string Id), ScheduledItem> _items = [];

    public Task ScheduleAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload = null, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        cancellationToken.ThrowIfCancellationRequested();
        var copy = payload?.ToArray();
        lock (_items)
        {
            _items[(kind, id)] = _items.TryGetValue((kind, id), out var queued)
                ? queued with
                {
                    DueAt = !queued.Leased && dueAt < queued.DueAt ? dueAt : queued.DueAt,
                    FirstDueAt = dueAt < queued.FirstDueAt ? dueAt : queued.FirstDueAt,
                    Payload = copy ?? queued.Payload,
                }
                : new ScheduledItem(id, dueAt, 0, dueAt, copy, Leased: false);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ScheduledItem>> ClaimDueAsync(string kind, DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.CheckClaim(kind, max, lease);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_items)
        {
            var due = _items
                .Where(entry => entry.Key.Kind == kind && entry.Value.DueAt <= now)
                .Select(entry => entry.Value)
                .OrderBy(item => item.DueAt).ThenBy(item => item.Id, StringComparer.Ordinal)
                .Take(max)
                .ToList();
            foreach (var item in due) _items[(kind, item.Id)] = item with { DueAt = now + lease, Leased = true };
            return Task.FromResult<IReadOnlyList<ScheduledItem>>([.. due.Select(Copy)]);
        }
    }

    public Task<bool> CompleteAsync(string kind, string id, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_items) return Task.FromResult(_items.Remove((kind, id)));
    }

    public Task<bool> RescheduleAsync(string kind, string id, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_items)
        {
            if (!_items.TryGetValue((kind, id), out var queued)) return Task.FromResult(false);
            _items[(kind, id)] = queued with { DueAt = dueAt, Attempts = queued.Attempts + 1, Leased = false };
            return Task.FromResult(true);
        }
    }

    public Task<ScheduledItem?> GetAsync(string kind, string id, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_items) return Task.FromResult(_items.TryGetValue((kind, id), out var item) ? Copy(item) : null);
    }

    public async IAsyncEnumerable<string> ListIdsAsync(string kind,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind);
        List<string> ids;
        lock (_items) ids = [.. _items.Keys.Where(key => key.Kind == kind).Select(key => key.Id)];
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return id;
        }
        await Task.CompletedTask;
    }

    public Task<bool> TryReplacePayloadAsync(string kind, string id, byte[] expected, byte[] replacement, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_items)
        {
            if (!_items.TryGetValue((kind, id), out var queued) || queued.Payload is null || !queued.Payload.AsSpan().SequenceEqual(expected))
            {
                return Task.FromResult(false);
            }
            _items[(kind, id)] = queued with { Payload = replacement.ToArray() };
            return Task.FromResult(true);
        }
    }

    public Task<long> CountAsync(string kind, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_items) return Task.FromResult((long)_items.Keys.Count(key => key.Kind == kind));
    }

    // Payloads are copied in and out, as a real store's bytes are: a caller's buffer never aliases what is queued.
    private static ScheduledItem Copy(ScheduledItem item) => item with { Payload = item.Payload?.ToArray() };
}
