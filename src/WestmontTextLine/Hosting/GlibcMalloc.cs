using System.Runtime.InteropServices;

namespace WestmontTextLine.Hosting;

/// <summary>
/// glibc's malloc: <c>malloc_trim</c>, which hands the whole free pages inside malloc's arenas back to the kernel, and
/// <c>mallopt</c>'s trim threshold. Only on Linux with glibc; elsewhere (musl, macOS, Windows) each does nothing.
/// </summary>
internal static partial class GlibcMalloc
{
    private const int TrimThresholdParameter = -1; // M_TRIM_THRESHOLD in glibc's malloc.h

    private static bool _missing = !OperatingSystem.IsLinux();

    /// <summary>Trims every arena; false where there is no glibc.</summary>
    public static bool Trim() => Call(() => MallocTrim(0));

    /// <summary>
    /// malloc keeps up to <paramref name="bytes"/> free at the top of an arena before it gives them back to the kernel
    /// (glibc's default is 128 KB, raised only by large blocks it maps apart); false where there is no glibc.
    /// </summary>
    public static bool SetTrimThreshold(int bytes) => Call(() => Mallopt(TrimThresholdParameter, bytes));

    private static bool Call(Func<int> glibcFunction)
    {
        if (_missing) return false;
        try
        {
            glibcFunction();
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _missing = true;
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
