using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The writer restarts a WAL grown past its threshold only once the checkpointer has flushed to disk what its passive
/// checkpoint copied into the database file: a restart asked for before that flush ran beside it, and its own fsync
/// waited for those pages while no text could commit.
/// </summary>
public sealed class WalRestartAfterFlushTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-restart-{Guid.NewGuid():N}.db");

    private static readonly Statement FillWal = new(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4400) INSERT INTO filler (v) SELECT randomblob(4000) FROM n");
    private static readonly Statement OneRow = new("INSERT INTO filler (v) VALUES (x'00')");

    [Fact]
    public async Task A_WAL_past_its_threshold_is_restarted_only_after_the_checkpoints_flush()
    {
        await using var writer = new SqliteWriter($"Data Source={_path}");
        writer.Prepare(connection =>
        {
            SqliteConnections.Execute(connection, "CREATE TABLE filler (v BLOB)");
            return 0;
        });
        using var flushing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        writer.FlushingAfterCheckpoint = frames =>
        {
            if (frames * 4096 < SqliteWalKeeper.WalRestartThresholdBytes) return;
            flushing.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        };

        try
        {
            // About 18 MB of WAL in one commit, past the threshold.
            await writer.WriteAsync(FillWal);
            Assert.True(flushing.Wait(TimeSpan.FromSeconds(20)), "a checkpoint found the WAL past its threshold");

            // While that checkpoint's flush has not finished, the writer's batches restart nothing.
            await writer.WriteAsync(OneRow);
            await writer.WriteAsync(OneRow);
            Assert.Equal(0, writer.WalRestarts);
        }
        finally
        {
            release.Set();
        }
        await Eventually.TrueAsync(async () =>
        {
            await writer.WriteAsync(OneRow);
            return writer.WalRestarts > 0;
        }, "the restart once the flush is done");
    }

    private sealed class Statement(string sql) : ISqliteWrite
    {
        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        SqliteFiles.Delete(_path);
    }
}
