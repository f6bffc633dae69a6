namespace WestmontTextLine.Storage;

/// <summary>
/// Whether other accounts on the host can read or write the database file. The line creates it 600; a file it finds
/// readable by others (644 under the usual umask) keeps the mode it has, since an operator may have chosen it, and the
/// start says so instead (<see cref="WestmontTextLine.Hosting.DatabaseClaim"/>).
/// </summary>
public static class DatabaseFileMode
{
    private const UnixFileMode ByOthers = UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <returns>The file's mode in octal ("644") when other accounts can read or write it; else null.</returns>
    public static string? OpenToOthers(string database)
    {
        if (OperatingSystem.IsWindows()) return null;
        try
        {
            var mode = File.GetUnixFileMode(database);
            return (mode & ByOthers) == 0 ? null : Convert.ToString((int)mode & 0x1FF, 8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
