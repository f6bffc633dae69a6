using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// Another process's hold on the SQLite file's write lock (a backup, a sqlite3 shell): the line's writes wait SQLite's
/// 1 s for it and fail, until this is disposed.
/// </summary>
public sealed class SqliteFileLocked : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private SqliteFileLocked(SqliteConnection connection) => _connection = connection;

    public static async Task<SqliteFileLocked> TakeAsync(string databasePath)
    {
        var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var exclusive = connection.CreateCommand();
        exclusive.CommandText = "BEGIN EXCLUSIVE";
        await exclusive.ExecuteNonQueryAsync();
        return new SqliteFileLocked(connection);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
