namespace WestmontTextLine.Records;

/// <summary>
/// A small store of short-lived per-person records, each changed only by compare-and-set: a texter's safety plan,
/// a buddy's consent, an inbox conversation. A record is keyed by (kind, key): the kind is a short fixed name per
/// feature (1 to 32 of a-z, 0-9, _ and -), the key the feature's own, usually a keyed hash of a number.
/// <para>
/// Privacy: the store keeps opaque payload bytes, versions and expiry times, nothing else. A key is never a phone
/// number, and a payload that holds one, a name or a message body is encrypted by the caller first
/// (<see cref="Privacy.PersonalDataCipher"/>, with the kind and key as its associated data).
/// </para>
/// <para>
/// Concurrency: every write names the version it read (0 for "no record"), and is refused when the stored version
/// is another one; the caller then reloads and tries again. Several instances of the line on one Redis, or two parts
/// of one process, can never both write over the same version. A record deleted or expired and then written again
/// starts at version 1 again: a caller that held an old version 1 across that could write over the new record.
/// </para>
/// <para>
/// Time is the caller's: the store never reads a clock to decide what has expired. Reads and writes take the
/// caller's <c>now</c> (the line's <see cref="TimeProvider"/>, which tests fake), and a record is absent from its
/// <c>expiresAt</c> on, on every store alike. Times are kept to the millisecond. Each task completes once the change
/// is durable (committed to the SQLite file, or applied by Redis).
/// </para>
/// </summary>
public interface IPrivateRecords
{
    /// <summary>The record as stored now, or null when there is none or it has expired by <paramref name="now"/>.</summary>
    Task<PrivateRecord?> GetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// The key of one record of <paramref name="kind"/> not expired by <paramref name="now"/>, any one, or null when
    /// there is none: for a check at start that needs a sample (<see cref="Privacy.StoredKeysCheck"/>), never on a
    /// text's path (on Redis it scans the kind's keys).
    /// </summary>
    Task<string?> AnyKeyAsync(string kind, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every record not expired by <paramref name="now"/>, of every kind, each listed once, read a page at a time: for
    /// `rekey`, which runs with the line stopped, never on a text's path. A record written or deleted meanwhile may
    /// or may not be listed.
    /// </summary>
    IAsyncEnumerable<PrivateRecordId> ListAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the record if its stored version is <paramref name="expectedVersion"/>: 0 writes only where there is
    /// no record (an expired one counts as none), any other version only over exactly that version. The written
    /// record has version <paramref name="expectedVersion"/> + 1, this payload and this expiry (null: kept until
    /// deleted). False, and nothing written, on a conflict.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="expiresAt"/> is not later than <paramref name="now"/>, or <paramref name="expectedVersion"/> is negative.
    /// </exception>
    Task<bool> TryPutAsync(string kind, string key, byte[] payload, long expectedVersion, DateTimeOffset? expiresAt, DateTimeOffset now,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The record is gone, whatever its version. True if one was stored, which includes one past its expiry that
    /// was not yet removed (by <see cref="PurgeExpiredAsync"/>, or by Redis).
    /// </summary>
    Task<bool> DeleteAsync(string kind, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every record, of every kind, expired by <paramref name="now"/>, and returns how many. Expired records
    /// are never read, but only this takes their bytes out of a SQLite file. On Redis it does nothing and returns 0:
    /// Redis removes each record itself 5 minutes after it expires (see <see cref="RedisPrivateRecords"/>).
    /// </summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
