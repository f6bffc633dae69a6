namespace WestmontTextLine.Storage;

/// <summary>
/// Whether the volume holding a folder is (almost) full. SQLite reports a full disk as SQLITE_FULL only when a write
/// finds no room; creating its -shm on a full disk fails as a plain I/O error, which reads like a permission problem.
/// </summary>
public static class FreeSpace
{
    /// <summary>Below this, SQLite cannot open a database in WAL mode (its -shm alone takes 32 KB) or write much.</summary>
    public const long Little = 1024 * 1024;

    /// <summary>The bytes free on the folder's volume, or null when that cannot be read.</summary>
    public static long? On(string folder)
    {
        try
        {
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
