using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Records;

/// <summary>
/// The private_records table's rows, through prepared statements on one connection (the writer's, or a reader's),
/// which it does not own. Times are Unix milliseconds; a row whose expires_at is at or before now is expired. Not
/// thread-safe: one caller at a time.
/// </summary>
internal sealed class SqlitePrivateRecordRows : IDisposable
{
    /// <summary>One row per record; expires_at NULL for one that never expires. The index serves the purge.</summary>
    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS private_records (
            kind       TEXT NOT NULL,
            key        TEXT NOT NULL,
            payload    BLOB NOT NULL,
            version    INTEGER NOT NULL,
            expires_at INTEGER,
            PRIMARY KEY (kind, key)
        );
        CREATE INDEX IF NOT EXISTS private_records_expiry ON private_records (expires_at);
        """;

    private static string LiveAt(string now) => $"(expires_at IS NULL OR expires_at > {now})";

    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _purge;
    private readonly SqliteRawStatement _get;

    public SqlitePrivateRecordRows(SqliteConnection connection)
    {
        Connection = connection;
        // Where a record is stored but expired, the conflict takes it over as a new one.
        _insert = Prepare("""
            INSERT INTO private_records (kind, key, payload, version, expires_at) VALUES ($kind, $key, $payload, 1, $expiresAt)
            ON CONFLICT (kind, key) DO UPDATE SET payload = excluded.payload, version = 1, expires_at = excluded.expires_at
            WHERE expires_at IS NOT NULL AND expires_at <= $now
            """, "$kind", "$key", "$payload", "$expiresAt", "$now");
        _update = Prepare($"""
            UPDATE private_records SET payload = $payload, version = $expected + 1, expires_at = $expiresAt
            WHERE kind = $kind AND key = $key AND version = $expected AND {LiveAt("$now")}
            """, "$kind", "$key", "$payload", "$expected", "$expiresAt", "$now");
        _delete = Prepare("DELETE FROM private_records WHERE kind = $kind AND key = $key", "$kind", "$key");
        _purge = Prepare("""
            DELETE FROM private_records WHERE rowid IN (SELECT rowid FROM private_records WHERE expires_at <= $now LIMIT $max)
            """, "$now", "$max");
        // Every text looks up the texter's records: SQLite's own prepared statement, bound by position.
        _get = new SqliteRawStatement(connection,
            $"SELECT payload, version, expires_at FROM private_records WHERE kind = ?1 AND key = ?2 AND {LiveAt("?3")}");
    }

    public SqliteConnection Connection { get; }

    /// <summary>The compare-and-set: true when the record was written.</summary>
    public bool Put(string kind, string key, byte[] payload, long expectedVersion, long? expiresAt, long now, SqliteTransaction transaction)
    {
        var command = expectedVersion == 0 ? _insert : _update;
        Bind(command, transaction, kind, key);
        command.Parameters["$payload"].Value = payload;
        command.Parameters["$expiresAt"].Value = expiresAt ?? (object)DBNull.Value;
        command.Parameters["$now"].Value = now;
        if (expectedVersion != 0) command.Parameters["$expected"].Value = expectedVersion;
        return command.ExecuteNonQuery() == 1;
    }

    public bool Delete(string kind, string key, SqliteTransaction transaction)
    {
        Bind(_delete, transaction, kind, key);
        return _delete.ExecuteNonQuery() == 1;
    }

    /// <summary>Deletes up to <paramref name="max"/> expired records; returns how many.</summary>
    public int Purge(long now, int max, SqliteTransaction transaction)
    {
        _purge.Transaction = transaction;
        _purge.Parameters["$now"].Value = now;
        _purge.Parameters["$max"].Value = max;
        return _purge.ExecuteNonQuery();
    }

    /// <summary>Read once at start, so a statement of its own each time.</summary>
    public string? AnyKey(string kind, long now)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT key FROM private_records WHERE kind = $kind AND {LiveAt("$now")} LIMIT 1";
        command.CommandTimeout = SqliteConnections.CommandTimeoutSeconds;
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$now", now);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Up to <paramref name="max"/> live records after <paramref name="after"/> in (kind, key) order: a page of a listing.</summary>
    public List<PrivateRecordId> IdsAfter(PrivateRecordId? after, long now, int max)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = $"""
            SELECT kind, key FROM private_records WHERE (kind, key) > ($kind, $key) AND {LiveAt("$now")}
            ORDER BY kind, key LIMIT $max
            """;
        command.CommandTimeout = SqliteConnections.CommandTimeoutSeconds;
        command.Parameters.AddWithValue("$kind", after?.Kind ?? "");
        command.Parameters.AddWithValue("$key", after?.Key ?? "");
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$max", max);
        var ids = new List<PrivateRecordId>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(new PrivateRecordId(reader.GetString(0), reader.GetString(1)));
        return ids;
    }

    public PrivateRecord? Get(string kind, string key, long now)
    {
        return _get.Text(1, kind).Text(2, key).Integer(3, now).QueryFirst(row => new PrivateRecord(
            row.ColumnBlob(0),
            row.ColumnInteger(1),
            row.ColumnIsNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.ColumnInteger(2))));
    }

    private static void Bind(SqliteCommand command, SqliteTransaction? transaction, string kind, string key)
    {
        command.Transaction = transaction;
        command.Parameters["$kind"].Value = kind;
        command.Parameters["$key"].Value = key;
    }

    private SqliteCommand Prepare(string sql, params string[] parameters) => SqliteConnections.Prepare(Connection, sql, parameters);

    public void Dispose()
    {
        foreach (var command in new[] { _insert, _update, _delete, _purge }) command.Dispose();
        _get.Dispose();
    }
}
