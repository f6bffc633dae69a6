namespace WestmontTextLine.Storage;

/// <summary>
/// Notices when the database file the line has open is no longer the file at its path: deleted, moved or replaced.
/// SQLite goes on writing into an unlinked file without an error, and everything written there (opt-outs among
/// it) is gone at the next restart. On Linux the open file shows in /proc/self/fd as "path (deleted)".
/// </summary>
public sealed class SqliteFileWatch(string? databasePath)
{
    private const string ProcessFiles = "/proc/self/fd";

    /// <summary>Null when the file is where it was opened; else what happened to it.</summary>
    public string? Problem()
    {
        if (databasePath is null) return null;
        if (!File.Exists(databasePath)) return $"the database file {databasePath} was deleted or moved while open";
        if (!Directory.Exists(ProcessFiles)) return null;
        var unlinked = databasePath + " (deleted)";
        foreach (var descriptor in Directory.EnumerateFileSystemEntries(ProcessFiles))
        {
            string? target;
            try
            {
                target = new FileInfo(descriptor).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed meanwhile
            }
            if (target == unlinked) return $"the database file {databasePath} was replaced while open";
        }
        return null;
    }

    /// <summary>The file's path from a connection string, or null for an in-memory database.</summary>
    public static string? PathOf(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        return SqliteConnectionStrings.IsInMemory(builder) ? null : Path.GetFullPath(builder.DataSource);
    }
}
