using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// While a scrub of the WAL (after FORGET or a retention sweep) is wanted, the checkpointer runs no passive checkpoint:
/// the scrub's TRUNCATE fails at once beside another checkpoint, and on a loaded machine it lost that race tick after
/// tick (a CI run: still not done after 10 s).
/// </summary>
public sealed class WalScrubStandsAsideTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-scrub-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task While_a_scrub_is_wanted_the_checkpointer_runs_no_checkpoint_of_its_own()
    {
        await using var writer = new SqliteWriter($"Data Source={_path}");
        writer.Prepare(connection => Execute(connection, "CREATE TABLE t (v BLOB)"));
        await writer.WriteAsync(new InsertRow());
        // A reader holding its snapshot keeps every TRUNCATE from finishing, so the scrub stays wanted, batch after batch.
        using var reader = new SqliteConnection($"Data Source={_path};Pooling=False");
        reader.Open();
        using var snapshot = reader.BeginTransaction(deferred: true);
        Execute(reader, "SELECT count(*) FROM t", snapshot);
        var checkpoints = 0;
        writer.FlushingAfterCheckpoint = _ => Interlocked.Increment(ref checkpoints);

        writer.ScrubWal();
        // A pass that began before the scrub was asked for may still run a checkpoint: count from the pass after it.
        await PassesAsync(writer, 1);
        Interlocked.Exchange(ref checkpoints, 0);
        // A commit since the last checkpoint: a checkpointer that did not stand aside would copy it within a pass or two,
        // while the writer's TRUNCATE after this batch waits for the reader (and fails).
        await writer.WriteAsync(new InsertRow());
        await PassesAsync(writer, 3);

        Assert.Equal(0, Volatile.Read(ref checkpoints));
    }

    private static async Task PassesAsync(SqliteWriter writer, int passes)
    {
        var from = writer.CheckpointPasses;
        await Eventually.TrueAsync(() => writer.CheckpointPasses >= from + passes, $"{passes} passes of the checkpointer");
    }

    private sealed class InsertRow : ISqliteWrite
    {
        public int Apply(SqliteConnection connection, SqliteTransaction transaction) =>
            Execute(connection, "INSERT INTO t (v) VALUES (randomblob(100))", transaction);
    }

    private static int Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        SqliteFiles.Delete(_path);
    }
}
