using SQLitePCL;
using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// The sessions table's rows, through prepared statements on one connection (the writer's, or a reader's), which
/// it does not own. Not thread-safe: one caller at a time.
/// </summary>
internal sealed class SqliteSessionRows : IDisposable
{
    private const int CommandTimeoutSeconds = SqliteConnections.CommandTimeoutSeconds;

    private readonly SqliteCommand _load;
    private readonly sqlite3_stmt _rawInsert;
    private readonly sqlite3_stmt _rawUpdate;
    private readonly SqliteCommand _delete;

    public SqliteSessionRows(SqliteConnection connection)
    {
        Connection = connection;
        Execute(SqliteSchema.Create);
        AddMissingColumns();
        _load = Prepare("""
            SELECT node, language, last_activity, opted_out, last_message_sid, last_reply, choices, version, earlier_sids, recent_answers, handoff
            FROM sessions WHERE sender_key = $key
            """, "$key");
        _delete = Prepare("DELETE FROM sessions WHERE sender_key = $key", "$key");
        _rawInsert = PrepareRaw("""
            INSERT INTO sessions (sender_key, node, language, last_activity, opted_out, last_message_sid, last_reply, choices, version, earlier_sids,
                recent_answers, handoff)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?10, ?11, ?12)
            ON CONFLICT (sender_key) DO NOTHING
            """);
        _rawUpdate = PrepareRaw("""
            UPDATE sessions SET node = ?2, language = ?3, last_activity = ?4, opted_out = ?5,
                last_message_sid = ?6, last_reply = ?7, choices = ?8, version = version + 1, earlier_sids = ?10, recent_answers = ?11, handoff = ?12
            WHERE sender_key = ?1 AND version = ?9
            """);
    }

    public SqliteConnection Connection { get; }

    public Session? Load(string senderKey)
    {
        _load.Parameters["$key"].Value = senderKey;
        using var reader = _load.ExecuteReader();
        if (!reader.Read()) return null;
        return new Session(
            reader.GetString(0),
            reader.GetString(1),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            reader.GetInt64(3) != 0,
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.GetInt64(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            !reader.IsDBNull(10) && reader.GetInt64(10) != 0);
    }

    /// <summary>Inserts (version 0) or updates over the stored version; false when the version has moved on.</summary>
    /// <remarks>
    /// The hottest statement of the line, so it runs on SQLite's own prepared statement (SQLitePCL, under
    /// Microsoft.Data.Sqlite), bound by position, inside the transaction the caller opened on this connection.
    /// </remarks>
    public bool Save(string senderKey, Session session, SqliteTransaction transaction)
    {
        _ = transaction; // the statement runs in it: a SQLite transaction belongs to the connection
        var statement = session.Version == 0 ? _rawInsert : _rawUpdate;
        try
        {
            BindText(statement, 1, senderKey);
            BindText(statement, 2, session.Node);
            BindText(statement, 3, session.Language);
            Check(raw.sqlite3_bind_int64(statement, 4, session.LastActivity.ToUnixTimeMilliseconds()));
            Check(raw.sqlite3_bind_int(statement, 5, session.OptedOut ? 1 : 0));
            BindText(statement, 6, session.LastMessageSid);
            BindText(statement, 7, session.LastReply);
            BindText(statement, 8, session.Choices);
            if (session.Version != 0) Check(raw.sqlite3_bind_int64(statement, 9, session.Version));
            BindText(statement, 10, session.EarlierMessageSids);
            BindText(statement, 11, session.RecentAnswers);
            Check(raw.sqlite3_bind_int(statement, 12, session.Handoff ? 1 : 0));
            var step = raw.sqlite3_step(statement);
            if (step != raw.SQLITE_DONE) throw Error(step);
            return raw.sqlite3_changes(Connection.Handle) == 1;
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    private void BindText(sqlite3_stmt statement, int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text(statement, index, value));

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK) throw Error(result);
    }

    private SqliteException Error(int result) =>
        new(raw.sqlite3_errmsg(Connection.Handle).utf8_to_string(), result, raw.sqlite3_extended_errcode(Connection.Handle));

    private sqlite3_stmt PrepareRaw(string sql)
    {
        Check(raw.sqlite3_prepare_v2(Connection.Handle, sql, out var statement));
        return statement;
    }

    private void AddMissingColumns()
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var columns = Connection.CreateCommand())
        {
            columns.CommandText = "SELECT name FROM pragma_table_info('sessions')";
            using var reader = columns.ExecuteReader();
            while (reader.Read()) present.Add(reader.GetString(0));
        }
        foreach (var (column, definition) in SqliteSchema.AddedColumns.Where(c => !present.Contains(c.Column)))
        {
            Execute($"ALTER TABLE sessions ADD COLUMN {column} {definition}");
        }
    }

    public void Delete(string senderKey, SqliteTransaction transaction)
    {
        _delete.Transaction = transaction;
        _delete.Parameters["$key"].Value = senderKey;
        _delete.ExecuteNonQuery();
    }

    /// <summary>Deletes idle sessions; an idle opt-out is stripped to what keeps the number silent.</summary>
    public int PurgeIdle(DateTimeOffset idleBefore, SqliteTransaction transaction) =>
        ExecuteWithCutoff(transaction, idleBefore, "DELETE FROM sessions WHERE last_activity < $cutoff AND opted_out = 0") +
        ExecuteWithCutoff(transaction, idleBefore,
            "UPDATE sessions SET last_message_sid = NULL, last_reply = NULL, choices = NULL, earlier_sids = NULL, recent_answers = NULL, " +
            "version = version + 1 WHERE last_activity < $cutoff AND opted_out = 1 " +
            "AND (last_reply IS NOT NULL OR last_message_sid IS NOT NULL OR choices IS NOT NULL OR earlier_sids IS NOT NULL OR recent_answers IS NOT NULL)");

    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = CommandTimeoutSeconds;
        command.ExecuteNonQuery();
    }

    private int ExecuteWithCutoff(SqliteTransaction transaction, DateTimeOffset cutoff, string sql)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = CommandTimeoutSeconds;
        command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = CommandTimeoutSeconds;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
        command.Prepare();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in new[] { _load, _delete }) command.Dispose();
        _rawInsert.Dispose();
        _rawUpdate.Dispose();
    }
}
