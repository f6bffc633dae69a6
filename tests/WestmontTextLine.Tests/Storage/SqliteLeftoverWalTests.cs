using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>A WAL found beside the database at start is checked against it before the line answers from the file.</summary>
public sealed class SqliteLeftoverWalTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-leftover-{Guid.NewGuid():N}.db");

    [Fact]
    public void A_restored_copy_with_the_old_WAL_beside_it_is_refused_with_the_restore_steps_and_left_as_it_was()
    {
        var copy = StaleWal.RestoredCopyBeside(_path);
        var wal = File.ReadAllBytes(_path + "-wal");
        var name = Path.GetFileName(_path);

        var error = Assert.Throws<StorageUnavailableException>(() => new SqliteWriter($"Data Source={_path}"));
        SqliteConnection.ClearAllPools();

        Assert.StartsWith($"Storage:ConnectionString: cannot open the SQLite database {_path}", error.Message);
        Assert.Contains($"If {name} was restored from a copy: stop the line, delete {name}-wal and {name}-shm beside it, and start again; " +
            "else restore it from a copy", error.Message);
        // Closing the refused connection must not copy the stale WAL into the good copy.
        Assert.Equal(copy, File.ReadAllBytes(_path));
        Assert.Equal(wal, File.ReadAllBytes(_path + "-wal"));
    }

    [Fact]
    public void The_restored_copy_opens_once_the_old_WAL_and_shm_are_deleted()
    {
        StaleWal.RestoredCopyBeside(_path);
        File.Delete(_path + "-wal");
        File.Delete(_path + "-shm");

        using var writer = new SqliteWriter($"Data Source={_path}");

        Assert.Equal(100L, writer.Prepare(connection => Count(connection)));
    }

    [Fact]
    public void The_WAL_of_an_unclean_stop_is_applied_and_its_changes_kept()
    {
        using (var connection = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)");
            Execute(connection, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO t SELECT i, randomblob(200) FROM n");
            // As kill -9 leaves them: the database and its WAL, never checkpointed, copied while the connection is open.
            File.Copy(_path, _path + ".crashed");
            File.Copy(_path + "-wal", _path + ".crashed-wal");
        }
        File.Move(_path + ".crashed", _path, overwrite: true);
        File.Move(_path + ".crashed-wal", _path + "-wal", overwrite: true);
        Assert.NotNull(LeftoverWal.Beside(_path));

        using var writer = new SqliteWriter($"Data Source={_path}");

        Assert.Equal(500L, writer.Prepare(connection => Count(connection)));
    }

    /// <summary>
    /// Tried from outside: FORGET answered, then kill -9 before the line emptied its WAL as FORGET asks. The restarted
    /// line applied the WAL but left its stale frames, which still held her keyed hash, until new writes happened to
    /// reach them (on an idle line, until a clean stop). Here a row deleted just before the kill stands for it.
    /// </summary>
    [Fact]
    public void The_WAL_of_an_unclean_stop_is_emptied_so_rows_deleted_before_it_leave_no_older_copy_there()
    {
        const string Deleted = "deleted-just-before-the-kill-0123456789";
        using (var connection = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; PRAGMA secure_delete=on; CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)");
            Execute(connection, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO t SELECT i, randomblob(200) FROM n");
            Execute(connection, $"INSERT INTO t VALUES (1000, '{Deleted}')");
            Execute(connection, "DELETE FROM t WHERE id = 1000");
            File.Copy(_path, _path + ".crashed");
            File.Copy(_path + "-wal", _path + ".crashed-wal");
        }
        File.Move(_path + ".crashed", _path, overwrite: true);
        File.Move(_path + ".crashed-wal", _path + "-wal", overwrite: true);
        Assert.True(SqliteFiles.Contain(_path, Deleted), "the test must see the deleted row's older copy in the WAL");

        using var writer = new SqliteWriter($"Data Source={_path}");

        // At open, before the line answers: left to the writer's batches, a loaded machine's checkpoints kept it from
        // happening for seconds.
        Assert.False(SqliteFiles.Contain(_path, Deleted), "the deleted row's older copy is still in the files");
        Assert.Equal(500L, writer.Prepare(connection => Count(connection)));
    }

    private static long Count(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM t";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        SqliteFiles.Delete(_path);
    }
}
