using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>How every connection to the line's file is set up: what the privacy and the bounds of the files rely on.</summary>
public sealed class SqliteConnectionsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-connections-{Guid.NewGuid():N}.db");

    [Theory]
    [InlineData("journal_mode", "wal")]
    [InlineData("synchronous", "1")] // NORMAL
    [InlineData("secure_delete", "1")] // deleted rows overwritten in the file
    [InlineData("temp_store", "2")] // statement journals (old page images) in memory, never in temporary files
    [InlineData("journal_size_limit", "67108864")]
    [InlineData("cache_size", "-256")] // a reader's page cache held to 256 KiB, not SQLite's 2 MB
    public void A_connection_is_opened_with(string pragma, string expected)
    {
        using var connection = SqliteConnections.Open($"Data Source={_path}");
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";

        Assert.Equal(expected, Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_connection_that_keeps_the_WAL_on_close_leaves_the_file_and_its_WAL_as_they_were(bool keepWalOnClose)
    {
        using (var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            writer.Open();
            Execute(writer, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE t (v BLOB); INSERT INTO t VALUES (randomblob(100))");
            // As kill -9 leaves them: nothing checkpointed.
            File.Copy(_path, _path + ".crashed");
            File.Copy(_path + "-wal", _path + ".crashed-wal");
        }
        File.Move(_path + ".crashed", _path, overwrite: true);
        File.Move(_path + ".crashed-wal", _path + "-wal", overwrite: true);
        var database = File.ReadAllBytes(_path);

        using (var connection = SqliteConnections.Open($"Data Source={_path};Pooling=False", keepWalOnClose))
        {
            Execute(connection, "SELECT count(*) FROM t");
        }

        // Closed as usual, the last connection copies the WAL into the file and deletes it.
        Assert.Equal(keepWalOnClose, File.Exists(_path + "-wal"));
        Assert.Equal(keepWalOnClose, database.AsSpan().SequenceEqual(File.ReadAllBytes(_path)));
    }

    private static void Execute(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(file);
    }
}
