using System.Diagnostics;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// A tmpfs of a few megabytes, for what only a real full disk shows (SQLite's own page limit stands in for a full
/// disk elsewhere, but not when SQLite creates its -wal and -shm files). Mounting needs root, as this line's test
/// machines run; unmounted when disposed.
/// </summary>
public sealed class SmallVolume : IDisposable
{
    private SmallVolume(string path) => Path = path;

    public string Path { get; }

    /// <summary>
    /// Whether this machine lets the tests mount a tmpfs (root with CAP_SYS_ADMIN; a container without it refuses). A
    /// test that needs one is skipped, and says so, where it cannot: it would otherwise fail for the machine's sake.
    /// </summary>
    public static bool CanMount => MountAllowed.Value;

    public const string CannotMount = "mounting a tmpfs needs root with CAP_SYS_ADMIN, which this machine does not give the tests";

    private static readonly Lazy<bool> MountAllowed = new(() =>
    {
        try
        {
            Mount(megabytes: 1).Dispose();
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public static SmallVolume Mount(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("textline-volume-").FullName;
        try
        {
            Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        }
        catch
        {
            Directory.Delete(path);
            throw;
        }
        return new SmallVolume(path);
    }

    /// <summary>Writes a file until the volume has no room left.</summary>
    public void Fill()
    {
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create);
        var block = new byte[4096];
        try
        {
            while (true) filler.Write(block);
        }
        catch (IOException)
        {
            // full
        }
    }

    public void Dispose()
    {
        // Pooled connections keep the files open; a lazy unmount lets go of the volume whatever is still open there.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Run("umount", "--lazy", Path);
        Directory.Delete(Path);
    }

    private static void Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{command} {string.Join(' ', arguments)}: {error} (needs root)");
    }
}
