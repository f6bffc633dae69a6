using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// While a scrub of the WAL (after FORGET or a retention sweep) is wanted, or its emptying after a full disk, the
/// checkpointer runs no passive checkpoint: the writer's TRUNCATE fails at once beside another checkpoint, and on a
/// loaded machine the scrub lost that race tick after tick (a CI run: still not done after 10 s).
/// </summary>
public sealed class WalScrubStandsAsideTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-scrub-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task While_a_scrub_is_wanted_the_checkpointer_runs_no_checkpoint_of_its_own()
    {
        await using var writer = await WriterWithOneRowAsync();

        Assert.Equal(0, await CheckpointsWhileTruncateWantedAsync(writer, () =>
        {
            writer.ScrubWal();
            return Task.CompletedTask;
        }));
    }

    [Fact]
    public async Task While_the_WAL_is_to_be_emptied_after_a_full_disk_the_checkpointer_runs_no_checkpoint_of_its_own()
    {
        await using var writer = await WriterWithOneRowAsync();

        Assert.Equal(0, await CheckpointsWhileTruncateWantedAsync(writer, () => FailForWantOfRoomAsync(writer)));
    }

    private async Task<SqliteWriter> WriterWithOneRowAsync()
    {
        var writer = new SqliteWriter($"Data Source={_path}");
        writer.Prepare(connection => Execute(connection, "CREATE TABLE t (v BLOB)"));
        await writer.WriteAsync(new InsertRow());
        return writer;
    }

    /// <summary>
    /// Counts the passive checkpoints of the checkpointer's passes begun after <paramref name="wantTruncate"/>, while a
    /// reader's snapshot keeps every TRUNCATE from finishing (so it stays wanted, batch after batch) and a write commits.
    /// </summary>
    private async Task<int> CheckpointsWhileTruncateWantedAsync(SqliteWriter writer, Func<Task> wantTruncate)
    {
        using var reader = new SqliteConnection($"Data Source={_path};Pooling=False");
        reader.Open();
        using var snapshot = reader.BeginTransaction(deferred: true);
        Execute(reader, "SELECT count(*) FROM t", snapshot);
        var checkpoints = 0;
        writer.FlushingAfterCheckpoint = _ => Interlocked.Increment(ref checkpoints);

        await wantTruncate();
        // A pass that began before the TRUNCATE was asked for may still run a checkpoint: count from the pass after it.
        await PassesAsync(writer, 1);
        Interlocked.Exchange(ref checkpoints, 0);
        // A commit since the last checkpoint: a checkpointer that did not stand aside would copy it within a pass or two,
        // while the writer's TRUNCATE before or after this batch waits for the reader (and fails).
        await writer.WriteAsync(new InsertRow());
        await PassesAsync(writer, 3);
        return Volatile.Read(ref checkpoints);
    }

    /// <summary>SQLite's page limit standing in for a full disk: a write that needs a new page fails with SQLITE_FULL; then room again.</summary>
    private static async Task FailForWantOfRoomAsync(SqliteWriter writer)
    {
        DatabasePageLimit.Cap(writer);
        var full = await Assert.ThrowsAsync<SqliteException>(() => writer.WriteAsync(new InsertRow(bytes: 64 * 1024)));
        Assert.True(DiskFull.Is(full), full.Message);
        DatabasePageLimit.Lift(writer);
    }

    private static async Task PassesAsync(SqliteWriter writer, int passes)
    {
        var from = writer.CheckpointPasses;
        await Eventually.TrueAsync(() => writer.CheckpointPasses >= from + passes, $"{passes} passes of the checkpointer");
    }

    private sealed class InsertRow(int bytes = 100) : ISqliteWrite
    {
        public int Apply(SqliteConnection connection, SqliteTransaction transaction) =>
            Execute(connection, $"INSERT INTO t (v) VALUES (randomblob({bytes}))", transaction);
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
