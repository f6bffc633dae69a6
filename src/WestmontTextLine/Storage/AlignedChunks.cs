using System.Runtime.InteropServices;

namespace WestmontTextLine.Storage;

/// <summary>
/// Memory for <see cref="SessionBlockAllocator"/>'s chunks, each aligned to its own size so a block's chunk is its
/// address rounded down. On Linux straight from the kernel (<c>mmap</c>, <c>munmap</c>): a chunk given back leaves
/// the process's resident memory at once, and no malloc arena holds it. Elsewhere from <see cref="NativeMemory"/>.
/// </summary>
internal static unsafe partial class AlignedChunks
{
    private const int PROT_READ = 1, PROT_WRITE = 2;
    private const int MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20;
    private static readonly nint MapFailed = -1;

    /// <summary>A zeroed chunk of <paramref name="bytes"/> (a power of two, a multiple of the page size).</summary>
    public static byte* Take(nuint bytes)
    {
        if (!OperatingSystem.IsLinux()) return (byte*)NativeMemory.AlignedAlloc(bytes, bytes);
        // Twice the size, then the unaligned ends are given back.
        var mapped = Mmap(0, bytes * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mapped == MapFailed) throw new OutOfMemoryException($"mmap of {bytes * 2} bytes failed (errno {Marshal.GetLastPInvokeError()})");
        var start = (nuint)mapped;
        var aligned = (start + bytes - 1) & ~(bytes - 1);
        if (aligned > start) _ = Munmap((nint)start, aligned - start);
        var tail = start + bytes * 2 - (aligned + bytes);
        if (tail > 0) _ = Munmap((nint)(aligned + bytes), tail);
        return (byte*)aligned;
    }

    public static void Give(byte* chunk, nuint bytes)
    {
        if (OperatingSystem.IsLinux()) _ = Munmap((nint)chunk, bytes);
        else NativeMemory.AlignedFree(chunk);
    }

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int descriptor, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(nint address, nuint length);
}
