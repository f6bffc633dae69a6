namespace WestmontTextLine.Scheduling;

/// <summary>
/// Work of one kind that is added far more often than any other (every answered text's deletion at the provider), kept
/// in the order it was added, so that adding it is an append and not a keyed change: on SQLite a keyed row costs a
/// random page of the file a text, an appended one a share of the last page. Items are never merged (an id added
/// twice is done twice, which the work must tolerate), and they are taken oldest first, up to the first one not due
/// yet. An item that fails is handed back with the time to try again, and from then on it is kept as any
/// <see cref="IScheduledWork"/> item of its kind, with its attempts counted there.
/// <para>
/// Privacy as <see cref="IScheduledWork"/>: ids and times only.
/// </para>
/// </summary>
public interface IWorkLog
{
    /// <summary>The kind of work it holds (<see cref="WorkKinds"/>).</summary>
    string Kind { get; }

    /// <summary>Adds the item; the task completes once it is durable.</summary>
    Task AppendAsync(string id, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="max"/> of the oldest items due at or before <paramref name="now"/> that no one holds,
    /// and holds them until now + lease: until then no other take returns them. An item neither completed nor
    /// rescheduled (its worker died) is taken again after its lease.
    /// </summary>
    Task<IReadOnlyList<LoggedWork>> TakeDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>The work is done: the item is gone for good.</summary>
    Task CompleteAsync(LoggedWork item, CancellationToken cancellationToken = default);

    /// <summary>The work failed: the item is due again at <paramref name="dueAt"/>, one attempt counted, as scheduled work of its kind.</summary>
    Task RescheduleAsync(LoggedWork item, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    /// <summary>How many items the log itself holds (not those handed back to the scheduled work).</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);
}

/// <summary>An item taken from a <see cref="IWorkLog"/>: what the work needs, and where the log keeps it.</summary>
public sealed record LoggedWork(ScheduledItem Item, long Position);
