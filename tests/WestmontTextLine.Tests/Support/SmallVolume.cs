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

    public static SmallVolume Mount(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("textline-volume-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
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
