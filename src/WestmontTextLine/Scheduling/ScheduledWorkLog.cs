namespace WestmontTextLine.Scheduling;

/// <summary>
/// A <see cref="IWorkLog"/> that is the scheduled work itself, for stores where a keyed item costs no more than an
/// appended one (Redis's sorted set, the in-memory queue): each call is the same call on <see cref="IScheduledWork"/>.
/// It holds nothing of its own, so it counts nothing.
/// </summary>
public sealed class ScheduledWorkLog(IScheduledWork work, string kind) : IWorkLog
{
    public string Kind => kind;

    public Task AppendAsync(string id, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        work.ScheduleAsync(kind, id, dueAt, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<LoggedWork>> TakeDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default) =>
        [.. (await work.ClaimDueAsync(kind, now, max, lease, cancellationToken)).Select(item => new LoggedWork(item, Position: 0))];

    public Task CompleteAsync(LoggedWork item, CancellationToken cancellationToken = default) =>
        work.CompleteAsync(kind, item.Item.Id, cancellationToken);

    public Task RescheduleAsync(LoggedWork item, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        work.RescheduleAsync(kind, item.Item.Id, dueAt, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);
}
