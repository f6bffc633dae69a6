using System.Runtime.InteropServices;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// What glibc's malloc does with memory freed at the top of an arena, seen from the outside: <c>mallinfo2</c>'s
/// <c>arena</c>, the bytes every arena holds from the kernel. Linux with glibc only.
/// </summary>
internal static class MallocProbe
{
    private const int TrimThresholdParameter = -1; // M_TRIM_THRESHOLD
    public const int GlibcDefaultTrimThreshold = 128 * 1024;

    public static void SetTrimThreshold(int bytes) => mallopt(TrimThresholdParameter, bytes);

    /// <summary>
    /// On a new thread, mallocs <paramref name="bytes"/> in 1 KB blocks (<see cref="Marshal.AllocHGlobal(int)"/> is malloc
    /// on Unix), frees them, and tells how much the arenas gave back to the kernel when they were freed.
    /// </summary>
    public static long GaveBackAfterFreeing(int bytes)
    {
        long result = 0;
        var thread = new Thread(() => result = GaveBackOnThisThread(bytes));
        thread.Start();
        thread.Join();
        return result;
    }

    private static long GaveBackOnThisThread(int bytes)
    {
        const int blockSize = 1024;
        var blocks = new nint[bytes / blockSize];
        for (var i = 0; i < blocks.Length; i++) blocks[i] = Marshal.AllocHGlobal(blockSize);
        var held = (long)mallinfo2().arena;
        // In the order they were taken, as SQLite frees its journal's blocks: the newest, next to the arena's top, last
        // (freed first, it would sit in malloc's per-thread cache and keep the rest from reaching the top).
        foreach (var block in blocks) Marshal.FreeHGlobal(block);
        return held - (long)mallinfo2().arena;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
    }

    [DllImport("libc")]
    private static extern MallInfo2 mallinfo2();

    [DllImport("libc")]
    private static extern int mallopt(int parameter, int value);
}
