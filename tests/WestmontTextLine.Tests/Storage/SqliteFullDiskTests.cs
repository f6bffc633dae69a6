using Microsoft.Data.Sqlite;
using SQLitePCL;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>On a real full disk (a small tmpfs), the space an operator frees brings the line back.</summary>
public sealed class SqliteFullDiskTests
{
    // Found from outside: freed space went to the WAL within a second (it grew from 330 KB to 1.9 MB with no texts),
    // and the line stayed full until about five times the database's size was free.
    [SkippableFact]
    public async Task After_a_full_disk_the_writer_empties_the_WAL_so_that_freeing_about_its_size_is_enough()
    {
        Skip.IfNot(SmallVolume.CanMount, SmallVolume.CannotMount);
        using var volume = SmallVolume.Mount(megabytes: 2);
        var database = Path.Combine(volume.Path, "textline.db");
        var wal = new FileInfo(database + "-wal");
        var spare = Path.Combine(volume.Path, "spare");
        await using var writer = new SqliteWriter($"Data Source={database}");
        writer.Prepare(connection => Execute(connection, "CREATE TABLE filler (v BLOB)"));
        File.WriteAllBytes(spare, new byte[384 * 1024]);

        var full = await FillAsync(writer);
        wal.Refresh();
        var walAtFull = wal.Length;
        Assert.True(walAtFull > 0, "the WAL holds the writes since the last checkpoint");

        File.Delete(spare);

        // Emptied, then written again by a probe or two.
        await Eventually.TrueAsync(() =>
        {
            wal.Refresh();
            return wal.Length < walAtFull / 4;
        }, $"the WAL ({walAtFull} bytes when the disk filled) emptied", TimeSpan.FromSeconds(5));
        // Room for more, now that the WAL's blocks are free again; the first write that commits makes it healthy.
        for (var i = 0; i < full / 10; i++) await writer.WriteAsync(new InsertBlob());
        await writer.PingAsync();
        Assert.True(new FileInfo(database + "-wal").Length <= walAtFull, "the WAL is rewritten in its blocks, not grown");
    }

    /// <summary>
    /// Writes until the disk is full; returns how many writes committed. Every few writes, the checkpointer is let copy
    /// the WAL into the database (two of its passes: at least one whole pass began after the last commit), so the next
    /// write starts the WAL again: the database fills the disk, as on a line that ran for months, with a WAL of a few writes.
    /// </summary>
    private static async Task<int> FillAsync(SqliteWriter writer)
    {
        for (var committed = 0; ; committed++)
        {
            if (committed % 4 == 3) await CheckpointedAsync(writer);
            try
            {
                await writer.WriteAsync(new InsertBlob());
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == raw.SQLITE_FULL)
            {
                Assert.True(committed > 10, $"the disk was full after {committed} writes");
                return committed;
            }
        }
    }

    private static async Task CheckpointedAsync(SqliteWriter writer)
    {
        var passes = writer.CheckpointPasses;
        await Eventually.TrueAsync(() => writer.CheckpointPasses >= passes + 2, "a checkpoint of the writes so far");
    }

    private sealed class InsertBlob : ISqliteWrite
    {
        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO filler (v) SELECT randomblob(4000) FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4)";
            return command.ExecuteNonQuery();
        }
    }

    private static int Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
