using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WestmontTextLine.Storage;

/// <summary>
/// The writer's last write that failed for want of room (a full disk) or with an I/O error, until a write of real
/// data commits again. The health probe cannot see these alone: it rewrites one row in place, which a full disk
/// still allows while every new texter's first save needs a page more and gets the fallback.
/// </summary>
public sealed class SqliteWriteFaults
{
    private volatile string? _problem;

    /// <summary>Why writes fail now, or null.</summary>
    public string? Problem => _problem;

    public void Failed(Exception failure) => _problem = Describe(failure) ?? _problem;

    /// <summary>What a full disk or an I/O error means for texters; null for any other failure.</summary>
    public static string? Describe(Exception failure) => failure switch
    {
        SqliteException { SqliteErrorCode: raw.SQLITE_FULL } =>
            "the disk holding the database is full (SQLite error 13): texts that need more room get the fallback",
        SqliteException { SqliteErrorCode: raw.SQLITE_IOERR } ex =>
            $"writes to the database fail with an I/O error (SQLite error {ex.SqliteExtendedErrorCode})",
        _ => null,
    };

    public void DataCommitted() => _problem = null;
}
