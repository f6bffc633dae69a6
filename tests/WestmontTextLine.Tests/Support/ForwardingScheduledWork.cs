using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// The real queue passed through, for a test that needs to step in before one kind of call (a failure, a store gone
/// down): override only that call.
/// </summary>
public abstract class ForwardingScheduledWork(IScheduledWork inner) : IScheduledWork
{
    public virtual Task ScheduleAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload = null, CancellationToken cancellationToken = default) =>
        inner.ScheduleAsync(kind, id, dueAt, payload, cancellationToken);

    public virtual Task ScheduleOrNothingAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload = null, CancellationToken cancellationToken = default) =>
        inner.ScheduleOrNothingAsync(kind, id, dueAt, payload, cancellationToken);

    public virtual Task<IReadOnlyList<ScheduledItem>> ClaimDueAsync(string kind, DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default) =>
        inner.ClaimDueAsync(kind, now, max, lease, cancellationToken);

    public virtual Task<bool> CompleteAsync(string kind, string id, CancellationToken cancellationToken = default) =>
        inner.CompleteAsync(kind, id, cancellationToken);

    public virtual Task<bool> CancelAsync(string kind, string id, CancellationToken cancellationToken = default) =>
        inner.CancelAsync(kind, id, cancellationToken);

    public virtual Task<bool> RescheduleAsync(string kind, string id, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        inner.RescheduleAsync(kind, id, dueAt, cancellationToken);

    public virtual Task<bool> RenewLeaseAsync(string kind, string id, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        inner.RenewLeaseAsync(kind, id, until, cancellationToken);

    public virtual Task<ScheduledItem?> GetAsync(string kind, string id, CancellationToken cancellationToken = default) =>
        inner.GetAsync(kind, id, cancellationToken);

    public virtual IAsyncEnumerable<string> ListIdsAsync(string kind, CancellationToken cancellationToken = default) =>
        inner.ListIdsAsync(kind, cancellationToken);

    public virtual Task<bool> TryReplacePayloadAsync(string kind, string id, byte[] expected, byte[] replacement, CancellationToken cancellationToken = default) =>
        inner.TryReplacePayloadAsync(kind, id, expected, replacement, cancellationToken);

    public virtual Task<long> CountAsync(string kind, CancellationToken cancellationToken = default) =>
        inner.CountAsync(kind, cancellationToken);
}
