namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The log of what staff do (account changes, sign-ins, shifts, inbox actions), for administrators to read, on the
/// line's storage: a SQLite table or Redis lists, shared by every instance. Entries are kept by age
/// (<see cref="AuditRetention"/>, Console:AuditKeepFor: <see cref="PurgeOlderThanAsync"/>), and the log never holds more
/// than its ceiling (Console:AuditMaxEntries): past it, each append drops the oldest, and /healthz says so. An entry
/// never holds a texter's number, pseudonym or a message (<see cref="AuditEntry"/>).
/// </summary>
public interface IAuditLog
{
    /// <summary>The ceiling when none is given (Console:AuditMaxEntries' default).</summary>
    public const int DefaultCapacity = 250_000;

    /// <summary>Completes once the entry is stored (committed to SQLite, applied by Redis).</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="newestCount"/> entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(int newestCount, CancellationToken cancellationToken = default);

    /// <summary>Every entry, newest first, read a part at a time by a stable key: an entry appended meanwhile neither repeats nor hides one.</summary>
    IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Page <paramref name="page"/> (0: the newest) of <paramref name="pageSize"/> entries matching <paramref name="filter"/>, newest
    /// first, with how many match, read at one moment: the store applies the filter and reads about one page.
    /// </summary>
    Task<AuditView> ReadViewAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Deletes the entries older than <paramref name="cutoff"/>; how many went.</summary>
    Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);

    /// <summary>How many entries the log holds now.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);
}
