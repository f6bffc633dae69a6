using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// Connections to the line's file opened and closed unread, so that SQLite's connection pool keeps them and hands
/// them to the line's next opens (<see cref="SqliteConnections.Open"/>): a file deleted after this is the one those
/// opens took, and their first read comes after the delete. It stands for a delete between a connection's open and
/// its first read, every time instead of once in a loaded run.
/// </summary>
public static class UnreadPooledConnections
{
    /// <param name="connectionString">The string the line opens with (the writer's <see cref="SqliteWriter.ConnectionString"/>).</param>
    public static void Leave(string connectionString, int count)
    {
        // The pool is keyed by the whole string: the same one SqliteConnections.Open builds.
        var pooled = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = SqliteConnections.CommandTimeoutSeconds }.ToString();
        var opened = Enumerable.Range(0, count).Select(_ =>
        {
            var connection = new SqliteConnection(pooled);
            connection.Open();
            return connection;
        }).ToList();
        foreach (var connection in opened) connection.Dispose();
    }
}
