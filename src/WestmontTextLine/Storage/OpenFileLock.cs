using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WestmontTextLine.Storage;

/// <summary>
/// An exclusive lock on one byte of a file, held by the open file (Linux's open file description locks). Unlike an
/// flock, it lets every other open of the file (.NET's own shared flock on each FileStream included) go on; unlike a
/// classic POSIX lock, it is not dropped when the process closes some other handle on the file (SQLite closes its
/// connections' handles), nor taken twice by one process. The kernel lets it go when the file is closed or the
/// process dies, even by kill -9.
/// </summary>
internal static partial class OpenFileLock
{
    private const int F_OFD_SETLK = 37;
    private const short F_WRLCK = 1;
    private const int EACCES = 13;
    private const int EAGAIN = 11;

    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>True once taken; false while another open file holds it.</summary>
    public static bool TryTake(SafeFileHandle file, long offset)
    {
        var region = new Region { Type = F_WRLCK, Whence = 0, Start = offset, Length = 1 };
        if (Fcntl(file, F_OFD_SETLK, ref region) == 0) return true;
        var error = Marshal.GetLastPInvokeError();
        if (error is EACCES or EAGAIN) return false;
        throw new IOException($"cannot lock the file ({Marshal.GetPInvokeErrorMessage(error)})");
    }

    // struct flock on Linux (x64 and arm64): l_type, l_whence, l_start, l_len, l_pid (0 for an open file's lock).
    [StructLayout(LayoutKind.Sequential)]
    private struct Region
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(SafeFileHandle file, int command, ref Region region);
}
