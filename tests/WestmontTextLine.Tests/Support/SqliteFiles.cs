using System.Text;
using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Tests.Support;

/// <summary>A SQLite database is up to three files: the database, its write-ahead log and its shared memory.</summary>
public static class SqliteFiles
{
    public static readonly string[] Suffixes = ["", "-wal", "-shm"];

    /// <summary>The files a line leaves beside its database, with no session data in them.</summary>
    private static readonly string[] Beside = [WestmontTextLine.Storage.SqliteSingleLine.Suffix, WestmontTextLine.Storage.SqliteCopyMark.Suffix];

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
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using (var result = command.ExecuteReader())
            {
                if (result.Read() && result.GetInt64(0) == 0) return;
            }
            Thread.Sleep(20);
        }
        throw new TimeoutException($"the WAL of {databasePath} could not be checkpointed in 2 s");
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

    public static void Delete(string databasePath)
    {
        foreach (var suffix in Suffixes.Concat(Beside)) File.Delete(databasePath + suffix);
        // The console's data-protection keys, kept beside the database.
        var keys = Path.Combine(Path.GetDirectoryName(databasePath) ?? "", Path.GetFileNameWithoutExtension(databasePath) + ".console-keys");
        if (Directory.Exists(keys)) Directory.Delete(keys, recursive: true);
    }
}
