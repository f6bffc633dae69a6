using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// The session_log table's rows, through prepared statements on the writer's connection, which it does not own.
/// Not thread-safe: the writer's thread only.
/// </summary>
internal sealed class SqliteSessionLogRows : IDisposable
{
    private readonly SqliteRawStatement _append;
    private readonly SqliteRawStatement _deleteThrough;
    private readonly SqliteRawStatement _deleteSender;
    private readonly SqliteRawStatement _readAll;
    private readonly SqliteRawStatement _copyToSessions;

    public SqliteSessionLogRows(SqliteConnection connection)
    {
        SqliteConnections.Execute(connection, SqliteSchema.CreateSessionLog);
        SqliteSessionRows.AddMissingColumns(connection, "session_log");
        _append = new SqliteRawStatement(connection,
            $"INSERT INTO session_log (seq, sender_key, {SqliteSessionRows.SessionColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
        _deleteThrough = new SqliteRawStatement(connection, "DELETE FROM session_log WHERE seq <= ?1");
        // From the sender's oldest unfolded row on: a range of the rowid, not the whole log.
        _deleteSender = new SqliteRawStatement(connection, "DELETE FROM session_log WHERE seq >= ?2 AND sender_key = ?1");
        _readAll = new SqliteRawStatement(connection, $"SELECT seq, sender_key, {SqliteSessionRows.SessionColumns} FROM session_log ORDER BY seq");
        // A fold copies the row inside SQLite: no session is read out and written back through .NET. One row of VALUES,
        // each column a lookup of the log row, not INSERT ... SELECT: SQLite gives a statement with a SELECT a statement
        // journal, a copy into its sub-journal of every page the statement changes (bench/README.md, "What changed", 2026-12-07 07:52 UTC).
        _copyToSessions = new SqliteRawStatement(connection, $"""
            INSERT INTO sessions (sender_key, {SqliteSessionRows.SessionColumns})
            VALUES ({string.Join(", ", ("sender_key, " + SqliteSessionRows.SessionColumns).Split(", ").Select(column => $"(SELECT {column} FROM session_log WHERE seq = ?1)"))})
            {SqliteSessionRows.ReplaceOnConflict}
            """);
    }

    public void Append(long seq, string senderKey, Session session) =>
        SqliteSessionRows.Bind(_append.Integer(1, seq).Text(2, senderKey), session, first: 3).Execute();

    /// <summary>Deletes every row up to and including seq: the log's oldest rows, once folded.</summary>
    public void DeleteThrough(long seq) => _deleteThrough.Integer(1, seq).Execute();

    /// <summary>Deletes the sender's rows, all of which are at or after <paramref name="fromSeq"/>.</summary>
    public void DeleteSenderFrom(string senderKey, long fromSeq) => _deleteSender.Text(1, senderKey).Integer(2, fromSeq).Execute();

    /// <summary>
    /// Writes the session in the row to the sessions table as it is, version included (a fold: the log row is newer
    /// than any row there). False when there is no such row.
    /// </summary>
    public bool CopyToSessions(long seq)
    {
        try
        {
            return _copyToSessions.Integer(1, seq).Execute() == 1;
        }
        // With no such row every lookup is NULL, and the `node` column's NOT NULL refuses the insert before it writes: the
        // log's own NOT NULL columns are the same, so no row of it fails that check.
        catch (SqliteException ex) when (ex.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
        {
            return false;
        }
    }

    /// <summary>Every row, oldest first, in the transaction the connection has open if any.</summary>
    public List<LogRow> ReadAll() =>
        _readAll.Query(row => new LogRow(row.ColumnInteger(0), row.ColumnText(1)!, SqliteSessionRows.Read(row, 2)));

    public void Dispose()
    {
        _append.Dispose();
        _deleteThrough.Dispose();
        _deleteSender.Dispose();
        _readAll.Dispose();
        _copyToSessions.Dispose();
    }
}

internal sealed record LogRow(long Seq, string SenderKey, Session Session);
