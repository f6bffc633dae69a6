namespace WestmontTextLine.Storage;

/// <summary>
/// A small file of the line's own (a copy mark) written whole or not at all, readable and writable by the line's
/// account only, like the database (under the usual umask it was readable by every account): written beside it, then
/// moved over it. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot be written.
/// </summary>
public static class OwnerOnlyFile
{
    public static void Replace(string path, string text)
    {
        var temporary = path + ".new";
        File.Delete(temporary); // one left by a crash keeps its mode: made new, it gets the one below
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(text);
        File.Move(temporary, path, overwrite: true);
    }
}
