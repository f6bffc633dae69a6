using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WestmontTextLine.Storage;

/// <summary>
/// The writer's last write that failed for want of room (a full disk) or with an I/O error, until a write that shows
/// room commits again (<see cref="ISqliteWrite.ShowsRoom"/>: a text's save, a queued job or record, the health probe's
/// room check). The health probe cannot see these alone: it rewrites one row in place, which a full disk
/// still allows while every new texter's first save needs a page more and gets the fallback. A damaged file is
/// remembered until the line stops: writes that touch only its sound pages still commit, and the others keep failing.
/// </summary>
public sealed class SqliteWriteFaults
{
    private volatile string? _problem;
    private volatile string? _damage;

    /// <summary>Why writes fail now, or null.</summary>
    public string? Problem => _damage ?? _problem;

    public void Failed(Exception failure)
    {
        if (IsDamage(failure)) _damage ??= Describe(failure);
        else _problem = Describe(failure) ?? _problem;
    }

    /// <summary>What a full disk, an I/O error or a damaged file means for texters; null for any other failure.</summary>
    public static string? Describe(Exception failure) => failure switch
    {
        SqliteException { SqliteErrorCode: raw.SQLITE_FULL } =>
            "the disk holding the database is full (SQLite error 13): texts that need more room get the fallback",
        SqliteException { SqliteErrorCode: raw.SQLITE_IOERR } ex =>
            $"writes to the database fail with an I/O error (SQLite error {ex.SqliteExtendedErrorCode})",
        SqliteException { SqliteErrorCode: raw.SQLITE_CORRUPT or raw.SQLITE_NOTADB } ex =>
            $"the database file is damaged (SQLite error {ex.SqliteErrorCode}): texts that touch the damage get the fallback; " +
            "stop the line and restore the file from a copy, deleting the -wal and -shm beside it first",
        _ => null,
    };

    public void DataCommitted() => _problem = null;

    private static bool IsDamage(Exception failure) => failure is SqliteException { SqliteErrorCode: raw.SQLITE_CORRUPT or raw.SQLITE_NOTADB };
}
