using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WestmontTextLine.Storage;

/// <summary>What an operator is told when the SQLite file cannot be opened for reading and writing, and what to do about it.</summary>
internal static class SqliteOpenFailure
{
    /// <param name="leftoverWal">Whether a WAL was found beside the file at start (another copy's, after a restore).</param>
    public static StorageUnavailableException CannotUse(string? databasePath, SqliteException ex, bool leftoverWal) => new(
        $"Storage:ConnectionString: cannot open the SQLite database {databasePath ?? "(in memory)"} for reading and writing " +
        $"(SQLite error {ex.SqliteErrorCode}: {ex.Message.Split('\n')[0].Split('\'').ElementAtOrDefault(1) ?? ex.Message}). " +
        WhatToDo(ex.SqliteErrorCode, databasePath, leftoverWal) + ", or point Storage:ConnectionString elsewhere.", ex);

    private static string WhatToDo(int sqliteError, string? databasePath, bool leftoverWal) => sqliteError switch
    {
        raw.SQLITE_FULL => "Free space on its disk",
        raw.SQLITE_IOERR or raw.SQLITE_CANTOPEN when databasePath is not null && FreeSpace.On(Path.GetDirectoryName(databasePath)!) is long free
            && free < FreeSpace.Little => $"The disk holding it is full ({free:N0} bytes free): free space on it",
        raw.SQLITE_NOTADB or raw.SQLITE_CORRUPT when leftoverWal && databasePath is not null => LeftoverWal.Advice(databasePath),
        // Moving the file aside would start the line afresh: every opt-out and check-in in it would be lost.
        raw.SQLITE_NOTADB or raw.SQLITE_CORRUPT =>
            "The file is damaged or is not the line's database: restore it from a copy (a new, empty file loses every opt-out and check-in in it)",
        _ => "Make the file and its folder writable by this process",
    };
}
