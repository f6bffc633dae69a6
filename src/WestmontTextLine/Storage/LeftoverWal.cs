using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WestmontTextLine.Storage;

/// <summary>
/// A WAL found beside the database at start: left by an unclean stop (kill -9, a crash, a power cut), or by the
/// database that was there before this file was restored from a copy. SQLite applies it when it opens the file
/// without asking whose it is, and another file's WAL turns a good copy into a damaged one: some texts then get the
/// fallback while a probe that rewrites one row still succeeds. So the line checks the file before answering from
/// it, but only then: a clean stop leaves no WAL, and a start without one costs a file lookup.
/// </summary>
public static class LeftoverWal
{
    /// <summary>The WAL beside the database when it holds anything, else null.</summary>
    public static string? Beside(string? databasePath) =>
        databasePath is not null && HoldsAnything(databasePath + "-wal") ? Path.GetFullPath(databasePath + "-wal") : null;

    /// <summary>True for a file that exists and is not empty.</summary>
    public static bool HoldsAnything(string path)
    {
        var file = new FileInfo(path);
        return file.Exists && file.Length > 0;
    }

    /// <summary>
    /// Throws SQLITE_CORRUPT unless SQLite's quick_check finds the file (with its WAL applied) sound. The connection
    /// must keep the WAL on close (<see cref="SqliteConnections.Open"/>): closed as usual, the last connection copies
    /// the WAL into the file, and a restored copy refused here would be damaged for good.
    /// </summary>
    public static void Check(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(1)";
        var verdict = command.ExecuteScalar() as string;
        if (verdict != "ok") throw new SqliteException($"SQLite Error 11: 'database disk image is malformed'. quick_check: {verdict}", raw.SQLITE_CORRUPT);
    }

    /// <summary>What to do about a file that is damaged with a WAL beside it.</summary>
    public static string Advice(string databasePath)
    {
        var name = Path.GetFileName(databasePath);
        return $"The file is damaged, or does not fit the WAL beside it ({name}-wal, left by an unclean stop, or by another file before a restore). " +
            $"If {name} was restored from a copy: stop the line, delete {name}-wal and {name}-shm beside it, and start again; " +
            "else restore it from a copy (a new, empty file loses every opt-out and check-in in it)";
    }
}
