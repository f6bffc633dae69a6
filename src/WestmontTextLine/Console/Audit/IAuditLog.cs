namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The log of what staff do (account changes, sign-ins, and later replies), for administrators to read. It keeps the
/// newest <see cref="DefaultCapacity"/> entries, on the line's storage: a SQLite table or a Redis list, shared by every
/// instance. An entry never holds a texter's number or a message (<see cref="AuditEntry"/>).
/// </summary>
public interface IAuditLog
{
    public const int DefaultCapacity = 10_000;

    /// <summary>Completes once the entry is stored (committed to SQLite, applied by Redis).</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="newestCount"/> entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(int newestCount, CancellationToken cancellationToken = default);
}
