using System.Text;
using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Tests.Support;

/// <summary>A SQLite database is up to three files: the database, its write-ahead log and its shared memory.</summary>
public static class SqliteFiles
{
    public static readonly string[] Suffixes = ["", "-wal", "-shm"];

    private static readonly TimeSpan CheckpointBudget = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The files a line leaves beside its database, with no session data in them, and its spools of what the store
    /// refused (keyed hashes and SIDs, until the store answers).
    /// </summary>
    private static readonly string[] Beside =
    [
        WestmontTextLine.Storage.SqliteSingleLine.Suffix, WestmontTextLine.Storage.SqliteCopyMark.Suffix,
        ".optouts.spool", ".optouts.spool.new", ".deletions.spool", ".deletions.spool.new", ".outcomes.spool", ".outcomes.spool.new",
    ];

    /// <summary>
    /// Copies the whole WAL into the database file and truncates it, so that what a test looks for is only where the
    /// database keeps it. The line checkpoints on its own too, and two checkpoints cannot run at once: the loser
    /// answers "busy" (its first column) without an error and leaves the WAL as it was; so it is tried again.
    /// </summary>
    public static void Checkpoint(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        // A bound in time, not in tries: on a loaded host the line's own checkpoint can hold it off for seconds.
        var deadline = DateTime.UtcNow + CheckpointBudget;
        while (true)
        {
            using (var result = command.ExecuteReader())
            {
                if (result.Read() && result.GetInt64(0) == 0) return;
            }
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"the WAL of {databasePath} could not be checkpointed in {CheckpointBudget.TotalSeconds} s");
            Thread.Sleep(20);
        }
    }

    /// <summary>True when any of the database's files holds these bytes, read while the line may have them open.</summary>
    public static bool Contain(string databasePath, byte[] needle) =>
        Suffixes.Select(suffix => databasePath + suffix).Where(File.Exists).Any(file => ReadShared(file).AsSpan().IndexOf(needle) >= 0);

    public static bool Contain(string databasePath, string text) => Contain(databasePath, Encoding.UTF8.GetBytes(text));

    // To its end as it is while read: the line may truncate the WAL meanwhile (after a FORGET it empties it), and a read
    // of the length it had at open then ran past the end.
    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>
    /// True when no copy of the line holds the database's claim (<see cref="WestmontTextLine.Storage.SqliteSingleLine"/>)
    /// now, so that a line started on it would take it at once; true too for a missing file.
    /// </summary>
    public static bool Unclaimed(string databasePath)
    {
        if (!WestmontTextLine.Storage.OpenFileLock.IsSupported || !File.Exists(databasePath)) return true;
        // The line's own kind of lock: taken on this open of the file, and let go as it closes.
        using var file = File.OpenHandle(databasePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        return WestmontTextLine.Storage.OpenFileLock.TryTake(file, WestmontTextLine.Storage.SqliteSingleLine.ClaimedByte);
    }

    /// <summary>Waits until <see cref="Unclaimed"/>, failing after a bound a line still stopping never needs.</summary>
    public static void WaitUntilUnclaimed(string databasePath)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!Unclaimed(databasePath))
        {
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"a line still holds {databasePath} a minute after it was disposed");
            Thread.Sleep(10);
        }
    }

    /// <summary>
    /// Waits until this process holds no descriptor of a database deleted at this path (a host still closing, a pooled
    /// connection). A line started on a new file there, in the same process, would take one for its own file replaced
    /// under it; a line started again in a process of its own never sees the old one's.
    /// </summary>
    public static Task OldFileLetGoAsync(string databasePath)
    {
        SqliteConnection.ClearAllPools();
        var unlinked = Path.GetFullPath(databasePath) + " (deleted)";
        return Eventually.TrueAsync(() => !Directory.Exists("/proc/self/fd") || !Directory.EnumerateFileSystemEntries("/proc/self/fd").Any(descriptor =>
        {
            try
            {
                return new FileInfo(descriptor).LinkTarget == unlinked;
            }
            catch (IOException)
            {
                return false;
            }
        }), "the deleted database let go of", within: TimeSpan.FromSeconds(30));
    }

    public static void Delete(string databasePath)
    {
        foreach (var suffix in Suffixes.Concat(Beside)) File.Delete(databasePath + suffix);
        // The console's data-protection keys, kept beside the database.
        var keys = Path.Combine(Path.GetDirectoryName(databasePath) ?? "", Path.GetFileNameWithoutExtension(databasePath) + ".console-keys");
        if (Directory.Exists(keys)) Directory.Delete(keys, recursive: true);
    }
}
