using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>The prepared statements over one SQLite connection. Not thread-safe: one caller at a time.</summary>
internal sealed class SqliteSessionCommands : IDisposable
{
    // Microsoft.Data.Sqlite retries a busy database until the command timeout (30 s by default): far past the
    // point where the texter should already have the fallback. A locked file must fail a write well inside the
    // conversation's 3 s budget, so that a texter given the fallback is not also moved on in the menu.
    public const int CommandTimeoutSeconds = 1;

    private static readonly string[] SessionParameters =
        ["$key", "$node", "$language", "$last_activity", "$opted_out", "$sid", "$reply", "$choices"];

    private readonly SqliteCommand _load;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _delete;

    public SqliteSessionCommands(SqliteConnection connection)
    {
        Connection = connection;
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=1000;");
        Execute(SqliteSchema.Create);
        _load = Prepare("SELECT node, language, last_activity, opted_out, last_message_sid, last_reply, choices, version FROM sessions WHERE sender_key = $key",
            "$key");
        _insert = Prepare("""
            INSERT INTO sessions (sender_key, node, language, last_activity, opted_out, last_message_sid, last_reply, choices, version)
            VALUES ($key, $node, $language, $last_activity, $opted_out, $sid, $reply, $choices, 1)
            ON CONFLICT (sender_key) DO NOTHING
            """, SessionParameters);
        _update = Prepare("""
            UPDATE sessions SET node = $node, language = $language, last_activity = $last_activity, opted_out = $opted_out,
                last_message_sid = $sid, last_reply = $reply, choices = $choices, version = version + 1
            WHERE sender_key = $key AND version = $version
            """, [.. SessionParameters, "$version"]);
        _delete = Prepare("DELETE FROM sessions WHERE sender_key = $key", "$key");
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
            reader.GetInt64(7));
    }

    /// <summary>Inserts (version 0) or updates over the stored version; false when the version has moved on.</summary>
    public bool Save(string senderKey, Session session, SqliteTransaction transaction)
    {
        var command = session.Version == 0 ? _insert : _update;
        command.Transaction = transaction;
        var p = command.Parameters;
        p["$key"].Value = senderKey;
        p["$node"].Value = session.Node;
        p["$language"].Value = session.Language;
        p["$last_activity"].Value = session.LastActivity.ToUnixTimeMilliseconds();
        p["$opted_out"].Value = session.OptedOut ? 1 : 0;
        p["$sid"].Value = (object?)session.LastMessageSid ?? DBNull.Value;
        p["$reply"].Value = (object?)session.LastReply ?? DBNull.Value;
        p["$choices"].Value = (object?)session.Choices ?? DBNull.Value;
        if (session.Version != 0) p["$version"].Value = session.Version;
        return command.ExecuteNonQuery() == 1;
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
            "UPDATE sessions SET last_message_sid = NULL, last_reply = NULL, choices = NULL, version = version + 1 " +
            "WHERE last_activity < $cutoff AND opted_out = 1 " +
            "AND (last_reply IS NOT NULL OR last_message_sid IS NOT NULL OR choices IS NOT NULL)");

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
        foreach (var command in new[] { _load, _insert, _update, _delete }) command.Dispose();
        Connection.Dispose();
    }
}
