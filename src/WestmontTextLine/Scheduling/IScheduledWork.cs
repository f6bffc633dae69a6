namespace WestmontTextLine.Scheduling;

/// <summary>
/// A durable queue of work to do at a time, for each item once across every instance of the line: deletions at the
/// provider, outbound texts, safety check-ins. An item is keyed by (kind, id): the kind is a short fixed name per
/// feature (see <see cref="WorkKinds"/>), the id the feature's own (a message SID, a generated id, a keyed hash).
/// <para>
/// A worker claims the items that are due with a lease: each one's due time moves to the lease's end, so nobody
/// else gets it meanwhile, and if the worker dies before it completes or reschedules the item, the item falls due
/// again when the lease ends. Work must therefore tolerate being run a second time after a lease that ran out (choose
/// a lease longer than the work's longest try).
/// </para>
/// <para>
/// Privacy: the queue keeps ids, times, attempt counts and opaque payload bytes, nothing else. A payload that holds a
/// phone number or a message body must be encrypted by the caller before it is given here.
/// </para>
/// <para>
/// The store never reads a clock: every time is the caller's (<c>now</c>, <c>dueAt</c>), kept to the millisecond.
/// Each task completes once the change is durable (committed to the SQLite file, or applied by Redis).
/// </para>
/// </summary>
public interface IScheduledWork
{
    /// <summary>
    /// Queues the item, or, when (kind, id) is already queued, keeps the earlier of the two due times (a later call
    /// can bring the work forward, never push it back) and replaces the payload only when one is given. An item a
    /// claim holds keeps its lease: it is not brought forward until completed, rescheduled or its lease ends.
    /// </summary>
    Task ScheduleAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="ScheduleAsync"/>, but all or nothing for the caller: when the call fails or times out, this call
    /// queued nothing, and nothing it sent is applied later. For work that cannot be taken back once done (a text
    /// sent), whose caller does it again after a failure. On Redis, a change sent while Redis was paused runs when it
    /// resumes, after its caller was told that it timed out: a check-in text queued so went out, and the check-in
    /// worker, taking the timer again when its lease ended, queued and sent it a second time. Work nobody queues again
    /// (a timer, a deletion) is better queued late than never: <see cref="ScheduleAsync"/>. SQLite's writer already
    /// withdraws a change its caller gave up on, and memory applies a change at once, so they need nothing more.
    /// </summary>
    Task ScheduleOrNothingAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload = null, CancellationToken cancellationToken = default) =>
        ScheduleAsync(kind, id, dueAt, payload, cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> items of the kind due at or before <paramref name="now"/>, earliest first,
    /// and moves each one's due time to now + lease, atomically: two claimers never both get an item while its lease
    /// lasts. Each item is returned as it was just before this claim (its DueAt is when it fell due).
    /// </summary>
    Task<IReadOnlyList<ScheduledItem>> ClaimDueAsync(string kind, DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>The work is done: the item is gone for good. False if it was not queued.</summary>
    Task<bool> CompleteAsync(string kind, string id, CancellationToken cancellationToken = default);

    /// <summary>The work is withdrawn: the item is gone for good. False if it was not queued.</summary>
    Task<bool> CancelAsync(string kind, string id, CancellationToken cancellationToken = default) => CompleteAsync(kind, id, cancellationToken);

    /// <summary>
    /// The item is due again at exactly <paramref name="dueAt"/> (later or earlier), with one more attempt counted
    /// and its lease, if any, given up. For backoff after a failed try. False if it was not queued.
    /// </summary>
    Task<bool> RescheduleAsync(string kind, string id, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// As this instance stops cleanly, gives back the leases its claims still hold: each item whose due time is still the
    /// end of the lease this instance's claim gave it (neither completed, rescheduled nor claimed again since) is due at
    /// <paramref name="now"/>, still marked leased, so that another instance takes it at once and treats its work as
    /// perhaps begun, as after a lease that ran out. Returns how many were given back. Only a queue other instances share
    /// at the same time needs it: on SQLite the next start frees what the stopped copy held (<see cref="LeasesOfAStoppedCopy"/>).
    /// </summary>
    Task<int> GiveBackLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => Task.FromResult(0);

    /// <summary>
    /// Moves the end of the lease this instance's claim holds on the item to <paramref name="until"/>, if that claim still
    /// holds it (its due time is still the end this instance gave it: neither completed, rescheduled nor claimed by
    /// anyone since, though it may have ended). False, and nothing changed, when not: the work is someone else's, or done.
    /// For work that must not be begun under a lease that could end before it does, so that the claim's own lease can be
    /// short and work a stopped instance had claimed is taken soon. A store one instance has to itself (SQLite, whose file
    /// one copy holds; memory) has nobody to lose a claim to.
    /// </summary>
    Task<bool> RenewLeaseAsync(string kind, string id, DateTimeOffset until, CancellationToken cancellationToken = default) => Task.FromResult(true);

    /// <summary>The item as it is now, or null when it is not queued.</summary>
    Task<ScheduledItem?> GetAsync(string kind, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The id of every item of the kind, each once, read a page at a time: for `rekey`, which runs with the line
    /// stopped, and the outbox's FORGET withdrawals, never on a text's path. An item queued or completed meanwhile may or
    /// may not be listed.
    /// </summary>
    IAsyncEnumerable<string> ListIdsAsync(string kind, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the item <paramref name="replacement"/> as its payload if its payload is still exactly
    /// <paramref name="expected"/>, atomically, and leaves its due time, attempts and lease as they are. False, and
    /// nothing changed, when the item is gone or its payload is another one. For `rekey`.
    /// </summary>
    Task<bool> TryReplacePayloadAsync(string kind, string id, byte[] expected, byte[] replacement, CancellationToken cancellationToken = default);

    /// <summary>How many items of the kind are queued, due or not (for /healthz and stats).</summary>
    Task<long> CountAsync(string kind, CancellationToken cancellationToken = default);
}
