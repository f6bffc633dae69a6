using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Scheduling;

/// <summary>
/// The work_log table's rows, through SQLite's own prepared statements on one connection (the writer's, or a
/// reader's), which it does not own. Times are Unix milliseconds. Not thread-safe: one caller at a time.
/// </summary>
internal sealed class SqliteWorkLogRows : IDisposable
{
    /// <summary>
    /// The rowid orders the items as they were added, and every new row goes at the end of the table. No other index:
    /// a keyed one would put each new row on a random page of the file again.
    /// </summary>
    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS work_log (
            seq    INTEGER PRIMARY KEY,
            kind   TEXT NOT NULL,
            id     TEXT NOT NULL,
            due_at INTEGER NOT NULL
        );
        """;

    private readonly SqliteRawStatement _append;
    private readonly SqliteRawStatement _oldest;
    private readonly SqliteRawStatement _delete;
    private readonly SqliteRawStatement _count;

    public SqliteWorkLogRows(SqliteConnection connection)
    {
        Connection = connection;
        _append = new SqliteRawStatement(connection, "INSERT INTO work_log (kind, id, due_at) VALUES (?1, ?2, ?3)");
        _oldest = new SqliteRawStatement(connection, "SELECT seq, id, due_at FROM work_log WHERE kind = ?1 ORDER BY seq LIMIT ?2");
        _delete = new SqliteRawStatement(connection, "DELETE FROM work_log WHERE seq = ?1");
        _count = new SqliteRawStatement(connection, "SELECT COUNT(*) FROM work_log WHERE kind = ?1");
    }

    public SqliteConnection Connection { get; }

    /// <summary>In the transaction open on the connection.</summary>
    public void Append(string kind, string id, long dueAt) => _append.Text(1, kind).Text(2, id).Integer(3, dueAt).Execute();

    /// <summary>The kind's oldest rows, in the order they were added.</summary>
    public List<LoggedRow> Oldest(string kind, int limit) =>
        _oldest.Text(1, kind).Integer(2, limit).Query(row => new LoggedRow(row.ColumnInteger(0), row.ColumnText(1)!, row.ColumnInteger(2)));

    public bool Delete(long seq) => _delete.Integer(1, seq).Execute() == 1;

    public long Count(string kind) => _count.Text(1, kind).QueryInteger() ?? 0;

    public void Dispose()
    {
        _append.Dispose();
        _oldest.Dispose();
        _delete.Dispose();
        _count.Dispose();
    }
}

internal sealed record LoggedRow(long Seq, string Id, long DueAt);
