using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// A connection beside the writer's is opened (SQLite takes the file at its path) and then read (its first read looks
/// for the WAL and shared memory by their paths). A database deleted between the two failed that first read with
/// SQLite's "disk I/O error" (10), not as a file gone: a background worker built just then stopped the whole line,
/// and /healthz asked meanwhile answered 500 (seen once in a fresh-clone CI run, the file deleted just after the first
/// answer). Connections left unread in SQLite's pool (<see cref="SqlitePool.LeaveUnread"/>) make that moment every time.
/// </summary>
public sealed class SqliteDeletedBeforeFirstReadTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-first-read-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_connection_opened_before_the_delete_and_read_after_finds_the_file_gone()
    {
        await using var writer = new SqliteWriter($"Data Source={_path}");
        SqlitePool.LeaveUnread(writer.ConnectionString, count: 2);
        SqliteFiles.Delete(_path);

        var gone = Assert.Throws<SqliteFileGoneException>(() => SqliteConnections.Open(writer.ConnectionString));
        Assert.Equal($"the database file {_path} was deleted or moved while open", gone.Message);

        // Neither the connection that failed nor the other one opened before the delete is handed out again: the next
        // open looks at the path, and finds nothing there.
        var next = Assert.Throws<SqliteFileGoneException>(() => SqliteConnections.Open(writer.ConnectionString));
        Assert.Equal(SQLitePCL.raw.SQLITE_CANTOPEN, Assert.IsType<SqliteException>(next.InnerException).SqliteErrorCode);
        Assert.False(File.Exists(_path), "a database was made at the deleted one's path");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        SqliteFiles.Delete(_path);
    }
}
