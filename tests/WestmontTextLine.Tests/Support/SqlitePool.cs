using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// SQLite's connection pool for the line's own connections (<see cref="SqliteConnections.Open"/>), which it keys by
/// the whole connection string: the writer's <see cref="SqliteWriter.ConnectionString"/> as that method extends it.
/// </summary>
public static class SqlitePool
{
    /// <summary>
    /// Connections to the line's file opened and closed unread, so that the pool hands them to the line's next opens:
    /// a file deleted after this is the one those opens took, and their first read comes after the delete. It stands
    /// for a delete between a connection's open and its first read, every time instead of once in a loaded run.
    /// </summary>
    public static void LeaveUnread(string connectionString, int count)
    {
        var opened = Enumerable.Range(0, count).Select(_ =>
        {
            var connection = new SqliteConnection(Pooled(connectionString));
            connection.Open();
            return connection;
        }).ToList();
        foreach (var connection in opened) connection.Dispose();
    }

    /// <summary>
    /// Closes what a stopped line left in the pool, as a new process starts with none: a line started again in the same
    /// test process on a file put back would otherwise be handed connections to the deleted one.
    /// </summary>
    public static void Clear(string connectionString)
    {
        using var connection = new SqliteConnection(Pooled(connectionString));
        SqliteConnection.ClearPool(connection);
    }

    private static string Pooled(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = SqliteConnections.CommandTimeoutSeconds }.ToString();
}
