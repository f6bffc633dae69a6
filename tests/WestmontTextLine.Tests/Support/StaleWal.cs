using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// Database files as an operator leaves them after a restore: a good copy of the database put back at its path, and
/// beside it the WAL of the database that was there (left by kill -9, or by a line stopped after the file was
/// replaced). The WAL holds a few pages written after the copy was taken and after a later checkpoint: applied to
/// the copy, they point into pages the copy does not have.
/// </summary>
public static class StaleWal
{
    /// <summary>Leaves the restored copy and the stale WAL at <paramref name="databasePath"/>; returns the copy's bytes.</summary>
    public static byte[] RestoredCopyBeside(string databasePath)
    {
        var copy = databasePath + ".copy";
        var wal = databasePath + ".old-wal";
        using (var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)");
            Insert(connection, 1, 100);
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            File.Copy(databasePath, copy);
            Insert(connection, 101, 3000);
            Execute(connection, "CREATE INDEX t_v ON t (v); PRAGMA wal_checkpoint(TRUNCATE)");
            // A few pages only: the WAL does not cover the pages the copy lacks.
            Execute(connection, "UPDATE t SET v = randomblob(300) WHERE id = 50");
            Insert(connection, 3101, 10);
            File.Copy(databasePath + "-wal", wal);
        }
        File.Copy(copy, databasePath, overwrite: true);
        File.Move(wal, databasePath + "-wal", overwrite: true);
        File.Delete(databasePath + "-shm");
        var bytes = File.ReadAllBytes(copy);
        File.Delete(copy);
        return bytes;
    }

    private static void Insert(SqliteConnection connection, int first, int count) => Execute(connection,
        $"WITH RECURSIVE n(i) AS (SELECT {first} UNION ALL SELECT i + 1 FROM n WHERE i < {first + count - 1}) INSERT INTO t SELECT i, randomblob(200) FROM n");

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
