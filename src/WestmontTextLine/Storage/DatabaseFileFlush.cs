using Microsoft.Win32.SafeHandles;

namespace WestmontTextLine.Storage;

/// <summary>
/// Flushes the SQLite database file to disk from the checkpointer's thread. Passive checkpoints copy the WAL into the
/// database file but leave the copy in the page cache, so the writer's restart of the WAL (see
/// <see cref="SqliteWalKeeper.WalRestartThresholdBytes"/>) had to wait for all of it to reach the disk, while no text
/// could commit: a restart took 5-6 ms at the median and up to 40-50 ms under load. Flushed after each passive
/// checkpoint, the restart's own fsync finds little left: 1.3-2.0 ms at the median (bench/README.md).
/// </summary>
internal sealed class DatabaseFileFlush : IDisposable
{
    private readonly SafeFileHandle? _file;
    private long _flushes;

    public DatabaseFileFlush(string? databasePath)
    {
        if (databasePath is null) return;
        try
        {
            _file = File.OpenHandle(databasePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Then the restarts flush it themselves, as SQLite always does.
        }
    }

    /// <summary>How many flushes reached the disk.</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    public void Flush()
    {
        if (_file is null) return;
        RandomAccess.FlushToDisk(_file);
        Interlocked.Increment(ref _flushes);
    }

    /// <summary>
    /// Only once the writer's own connections are closed: closing any handle on a file drops every POSIX lock this
    /// process holds on it, and another process on the same file (the staff and stats verbs) relies on SQLite's.
    /// </summary>
    public void Dispose() => _file?.Dispose();
}
