namespace WestmontTextLine.Storage;

/// <summary>
/// A small file of the line's own (a copy mark, a spool rewritten) written whole or not at all, readable and writable
/// by the line's account only, like the database (under the usual umask it was readable by every account): written
/// beside it, then moved over it. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot be written.
/// </summary>
public static class OwnerOnlyFile
{
    /// <param name="flushToDisk">Its contents reach the disk before it is moved into place (fsync), not only the page cache.</param>
    public static void Replace(string path, string text, bool flushToDisk = false)
    {
        var temporary = path + ".new";
        File.Delete(temporary); // one left by a crash keeps its mode: made new, it gets the one below
        using (var stream = new FileStream(temporary, Options(FileMode.CreateNew)))
        {
            using (var writer = new StreamWriter(stream, leaveOpen: true)) writer.Write(text);
            stream.Flush(flushToDisk);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Opens a file as the line's account only may read and write it, should this make it (600).</summary>
    public static FileStreamOptions Options(FileMode mode, FileAccess access = FileAccess.Write)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }
}
