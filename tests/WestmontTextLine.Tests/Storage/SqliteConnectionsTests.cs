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
    public void A_connection_is_opened_with(string pragma, string expected)
    {
        using var connection = SqliteConnections.Open($"Data Source={_path}");
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";

        Assert.Equal(expected, Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(file);
    }
}
