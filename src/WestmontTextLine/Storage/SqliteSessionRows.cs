using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// The sessions table's rows (each sender's state as of the last fold), through prepared statements on one
/// connection (the writer's, or a reader's), which it does not own. Not thread-safe: one caller at a time.
/// </summary>
internal sealed class SqliteSessionRows : IDisposable
{
    private const int CommandTimeoutSeconds = SqliteConnections.CommandTimeoutSeconds;

    /// <summary>The columns of a session, in the order <see cref="Read"/> and <see cref="Bind"/> use, after sender_key.</summary>
    public const string SessionColumns =
        "node, language, last_activity, opted_out, last_message_sid, last_reply, choices, version, earlier_sids, recent_answers, handoff, " +
        "opted_in_at";

    /// <summary>What an insert into sessions does when the sender has a row: take every column of the new one.</summary>
    public const string ReplaceOnConflict = """
        ON CONFLICT (sender_key) DO UPDATE SET node = excluded.node, language = excluded.language,
            last_activity = excluded.last_activity, opted_out = excluded.opted_out,
            last_message_sid = excluded.last_message_sid, last_reply = excluded.last_reply, choices = excluded.choices,
            version = excluded.version, earlier_sids = excluded.earlier_sids, recent_answers = excluded.recent_answers,
            handoff = excluded.handoff, opted_in_at = excluded.opted_in_at
        """;

    private readonly SqliteRawStatement _load;
    private readonly SqliteRawStatement _version;
    private readonly SqliteRawStatement _delete;

    public SqliteSessionRows(SqliteConnection connection)
    {
        Connection = connection;
        Execute(SqliteSchema.Create);
        AddMissingColumns(connection, "sessions");
        _load = new SqliteRawStatement(connection, $"SELECT {SessionColumns} FROM sessions WHERE sender_key = ?1");
        _delete = new SqliteRawStatement(connection, "DELETE FROM sessions WHERE sender_key = ?1");
        _version = new SqliteRawStatement(connection, "SELECT version FROM sessions WHERE sender_key = ?1");
    }

    public SqliteConnection Connection { get; }

    public Session? Load(string senderKey)
    {
        return _load.Text(1, senderKey).QueryFirst(row => Read(row, 0));
    }

    /// <summary>The stored version of the sender's row, or null when there is none.</summary>
    public long? VersionOf(string senderKey) => _version.Text(1, senderKey).QueryInteger();

    /// <summary>A session from a raw statement's columns <see cref="SessionColumns"/>, starting at <paramref name="first"/>.</summary>
    public static Session Read(SqliteRawStatement row, int first) => new(
        row.ColumnText(first)!,
        row.ColumnText(first + 1)!,
        DateTimeOffset.FromUnixTimeMilliseconds(row.ColumnInteger(first + 2)),
        row.ColumnInteger(first + 3) != 0,
        row.ColumnText(first + 4),
        row.ColumnText(first + 5),
        row.ColumnText(first + 6),
        row.ColumnInteger(first + 7),
        row.ColumnText(first + 8),
        row.ColumnText(first + 9),
        row.ColumnInteger(first + 10) != 0,
        row.ColumnIsNull(first + 11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.ColumnInteger(first + 11)));

    /// <summary>Binds the session's columns <see cref="SessionColumns"/> from parameter <paramref name="first"/> on.</summary>
    public static SqliteRawStatement Bind(SqliteRawStatement statement, Session session, int first) => statement
        .Text(first, session.Node)
        .Text(first + 1, session.Language)
        .Integer(first + 2, session.LastActivity.ToUnixTimeMilliseconds())
        .Integer(first + 3, session.OptedOut ? 1 : 0)
        .Text(first + 4, session.LastMessageSid)
        .Text(first + 5, session.LastReply)
        .Text(first + 6, session.Choices)
        .Integer(first + 7, session.Version)
        .Text(first + 8, session.EarlierMessageSids)
        .Text(first + 9, session.RecentAnswers)
        .Integer(first + 10, session.Handoff ? 1 : 0)
        .Integer(first + 11, session.OptedInAt?.ToUnixTimeMilliseconds());

    /// <summary>Adds to a table of sessions (sessions, session_log) the columns a database made before them lacks.</summary>
    public static void AddMissingColumns(SqliteConnection connection, string table)
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var columns = connection.CreateCommand())
        {
            columns.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
            using var reader = columns.ExecuteReader();
            while (reader.Read()) present.Add(reader.GetString(0));
        }
        // A loop over the array, not Where over its (column, definition) pairs: LINQ over a struct is compiled by the
        // JIT at every start.
        foreach (var (column, definition) in SqliteSchema.AddedColumns)
        {
            if (!present.Contains(column)) SqliteConnections.Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {definition}");
        }
    }

    public void Delete(string senderKey) => _delete.Text(1, senderKey).Execute();

    /// <summary>
    /// Deletes up to <paramref name="max"/> idle sessions; once fewer are left, strips up to as many idle opt-outs to
    /// what keeps the number silent (<see cref="Session.StrippedToOptOut"/>: no node, last activity 0). More is true when either found as many as it may take: another batch may find more.
    /// </summary>
    public (int Changed, bool More) PurgeIdle(DateTimeOffset idleBefore, int max, SqliteTransaction transaction)
    {
        var deleted = ExecuteWithCutoff(transaction, idleBefore, max,
            "DELETE FROM sessions WHERE rowid IN (SELECT rowid FROM sessions WHERE last_activity < $cutoff AND opted_out = 0 LIMIT $max)");
        // The opt-outs only once the deletions are done: looking for them scans the whole table, each batch.
        if (deleted == max) return (deleted, true);
        var stripped = ExecuteWithCutoff(transaction, idleBefore, max,
            "UPDATE sessions SET last_message_sid = NULL, last_reply = NULL, choices = NULL, earlier_sids = NULL, recent_answers = NULL, " +
            "opted_in_at = NULL, " +
            "node = '', last_activity = 0, version = version + 1 " +
            "WHERE rowid IN (SELECT rowid FROM sessions WHERE last_activity < $cutoff AND opted_out = 1 " +
            "AND (last_reply IS NOT NULL OR last_message_sid IS NOT NULL OR choices IS NOT NULL OR earlier_sids IS NOT NULL OR recent_answers IS NOT NULL " +
            "OR opted_in_at IS NOT NULL " +
            "OR node <> '' OR last_activity <> 0) " +
            "LIMIT $max)");
        return (deleted + stripped, deleted == max || stripped == max);
    }

    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = CommandTimeoutSeconds;
        command.ExecuteNonQuery();
    }

    private int ExecuteWithCutoff(SqliteTransaction transaction, DateTimeOffset cutoff, int max, string sql)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = CommandTimeoutSeconds;
        command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$max", max);
        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _load.Dispose();
        _delete.Dispose();
        _version.Dispose();
    }
}
