namespace WestmontTextLine.Storage;

/// <summary>
/// A new SQLite database file is created readable and writable by the line's account only (600): under the usual
/// umask SQLite made it readable by every account on the host, and it gives its -wal and -shm the database file's mode.
/// Both the line (<see cref="SqliteSingleLine"/>) and the operator tools (`staff add` on a new line, `stats`) create it
/// this way. An existing file keeps the mode the operator gave it; a missing file with a -wal or -shm beside it is not
/// new (<see cref="MissingDatabase"/>), and is left to whatever opens it.
/// </summary>
public static class OwnerOnlyDatabaseFile
{
    public static void CreateIfNew(string database)
    {
        if (OperatingSystem.IsWindows() || File.Exists(database) || File.Exists(database + "-wal") || File.Exists(database + "-shm")) return;
        try
        {
            using var _ = new FileStream(database, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite | FileShare.Delete,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another process created it meanwhile, or it cannot be created: whatever opens it next says what to do
            // about a file it cannot open for writing.
        }
    }
}
