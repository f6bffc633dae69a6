using System.Runtime.InteropServices;

namespace WestmontTextLine.Storage;

/// <summary>
/// Flushes a folder's own entries to disk (fsync on the folder), so a file just created or moved into it is still
/// there after a power cut, not only its contents. Linux only; elsewhere, and when it fails, nothing is done.
/// </summary>
internal static partial class DirectoryFlush
{
    private const int O_RDONLY = 0;
    private const int O_DIRECTORY = 0x10000;

    public static void Flush(string folder)
    {
        if (!OperatingSystem.IsLinux()) return;
        var descriptor = Open(folder, O_RDONLY | O_DIRECTORY);
        if (descriptor < 0) return;
        try
        {
            _ = Fsync(descriptor);
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
