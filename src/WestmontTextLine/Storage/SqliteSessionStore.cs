using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// Sessions in one SQLite file, in WAL mode. One long-lived connection with prepared statements, used by one
/// caller at a time: under concurrent writers this beats a connection per request, whose busy retries sleep 150 ms.
/// </summary>
public sealed class SqliteSessionStore : ISessionStore, IAsyncDisposable, IDisposable
{
    // Microsoft.Data.Sqlite retries a busy database until the command timeout (30 s by default): far past the
    // point where the texter should already have the fallback.
    private const int CommandTimeoutSeconds = 2;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteCommand _load;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _delete;

    public SqliteSessionStore(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=2000;");
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

    private static readonly string[] SessionParameters =
        ["$key", "$node", "$language", "$last_activity", "$opted_out", "$sid", "$reply", "$choices"];

    public async Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
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
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> SaveAsync(string senderKey, Session session, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var command = session.Version == 0 ? _insert : _update;
            Bind(command, senderKey, session);
            if (session.Version != 0) command.Parameters["$version"].Value = session.Version;
            return command.ExecuteNonQuery() == 1;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _delete.Parameters["$key"].Value = senderKey;
            _delete.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var transaction = _connection.BeginTransaction();
            var deleted = ExecuteWithCutoff(transaction, idleBefore,
                "DELETE FROM sessions WHERE last_activity < $cutoff AND opted_out = 0");
            // An opt-out stays, stripped to what keeps the number silent.
            var stripped = ExecuteWithCutoff(transaction, idleBefore,
                "UPDATE sessions SET last_message_sid = NULL, last_reply = NULL, choices = NULL, version = version + 1 " +
                "WHERE last_activity < $cutoff AND opted_out = 1 " +
                "AND (last_reply IS NOT NULL OR last_message_sid IS NOT NULL OR choices IS NOT NULL)");
            transaction.Commit();
            return deleted + stripped;
        }
        finally
        {
            _gate.Release();
        }
    }

    private int ExecuteWithCutoff(SqliteTransaction transaction, DateTimeOffset cutoff, string sql)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = CommandTimeoutSeconds;
        command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery();
    }

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Execute("SELECT 1");
        }
        finally
        {
            _gate.Release();
        }
    }

    private static void Bind(SqliteCommand command, string senderKey, Session session)
    {
        var p = command.Parameters;
        p["$key"].Value = senderKey;
        p["$node"].Value = session.Node;
        p["$language"].Value = session.Language;
        p["$last_activity"].Value = session.LastActivity.ToUnixTimeMilliseconds();
        p["$opted_out"].Value = session.OptedOut ? 1 : 0;
        p["$sid"].Value = (object?)session.LastMessageSid ?? DBNull.Value;
        p["$reply"].Value = (object?)session.LastReply ?? DBNull.Value;
        p["$choices"].Value = (object?)session.Choices ?? DBNull.Value;
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = CommandTimeoutSeconds;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
        command.Prepare();
        return command;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = CommandTimeoutSeconds;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in new[] { _load, _insert, _update, _delete }) command.Dispose();
        _connection.Dispose();
        _gate.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
