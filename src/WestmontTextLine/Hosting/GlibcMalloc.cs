using System.Runtime.InteropServices;

namespace WestmontTextLine.Hosting;

/// <summary>
/// glibc's <c>malloc_trim</c>: hands the whole free pages inside malloc's arenas back to the kernel. Only on Linux with
/// glibc; elsewhere (musl, macOS, Windows) it does nothing.
/// </summary>
internal static partial class GlibcMalloc
{
    private static bool _missing = !OperatingSystem.IsLinux();

    /// <summary>Trims every arena; false where there is no glibc.</summary>
    public static bool Trim()
    {
        if (_missing) return false;
        try
        {
            MallocTrim(0);
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
}
