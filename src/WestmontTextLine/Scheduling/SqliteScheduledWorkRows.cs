using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Scheduling;

/// <summary>
/// The scheduled_work table's rows, through prepared statements on one connection (the writer's, or a reader's),
/// which it does not own. Times are Unix milliseconds. Not thread-safe: one caller at a time.
/// </summary>
internal sealed class SqliteScheduledWorkRows : IDisposable
{
    /// <summary>
    /// One row per queued item. leased is 1 from a claim until the item is rescheduled (due_at is then the lease's
    /// end); the index serves the claim's "due of this kind, earliest first".
    /// </summary>
    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS scheduled_work (
            kind         TEXT NOT NULL,
            id           TEXT NOT NULL,
            due_at       INTEGER NOT NULL,
            attempts     INTEGER NOT NULL,
            first_due_at INTEGER NOT NULL,
            leased       INTEGER NOT NULL,
            payload      BLOB,
            PRIMARY KEY (kind, id)
        );
        CREATE INDEX IF NOT EXISTS scheduled_work_due ON scheduled_work (kind, due_at);
        """;

    private const string Columns = "id, due_at, attempts, first_due_at, payload, leased";

    private readonly SqliteRawStatement _schedule;
    private readonly SqliteCommand _selectDue;
    private readonly SqliteCommand _lease;
    private readonly SqliteCommand _reschedule;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _get;
    private readonly SqliteCommand _count;

    public SqliteScheduledWorkRows(SqliteConnection connection)
    {
        Connection = connection;
        // A claimed item keeps its lease; otherwise the earlier due time wins. No payload given keeps the stored one.
        // Every answered text schedules its deletion at the provider: SQLite's own prepared statement, bound by position.
        _schedule = new SqliteRawStatement(connection, """
            INSERT INTO scheduled_work (kind, id, due_at, attempts, first_due_at, leased, payload)
            VALUES (?1, ?2, ?3, 0, ?3, 0, ?4)
            ON CONFLICT (kind, id) DO UPDATE SET
                due_at = CASE WHEN leased = 0 AND excluded.due_at < due_at THEN excluded.due_at ELSE due_at END,
                first_due_at = MIN(first_due_at, excluded.first_due_at),
                payload = CASE WHEN ?5 = 1 THEN excluded.payload ELSE payload END
            """);
        _selectDue = Prepare($"SELECT {Columns} FROM scheduled_work WHERE kind = $kind AND due_at <= $now ORDER BY due_at, id LIMIT $max",
            "$kind", "$now", "$max");
        _lease = Prepare("UPDATE scheduled_work SET due_at = $until, leased = 1 WHERE kind = $kind AND id = $id", "$kind", "$id", "$until");
        _reschedule = Prepare("UPDATE scheduled_work SET due_at = $due, attempts = attempts + 1, leased = 0 WHERE kind = $kind AND id = $id",
            "$kind", "$id", "$due");
        _delete = Prepare("DELETE FROM scheduled_work WHERE kind = $kind AND id = $id", "$kind", "$id");
        _get = Prepare($"SELECT {Columns} FROM scheduled_work WHERE kind = $kind AND id = $id", "$kind", "$id");
        _count = Prepare("SELECT COUNT(*) FROM scheduled_work WHERE kind = $kind", "$kind");
    }

    public SqliteConnection Connection { get; }

    /// <summary>In the transaction open on the connection.</summary>
    public void Schedule(string kind, string id, long dueAt, byte[]? payload) =>
        _schedule.Text(1, kind).Text(2, id).Integer(3, dueAt).Blob(4, payload).Integer(5, payload is null ? 0 : 1).Execute();

    public List<ScheduledItem> Claim(string kind, long now, int max, long leasedUntil, SqliteTransaction transaction)
    {
        _selectDue.Transaction = transaction;
        _selectDue.Parameters["$kind"].Value = kind;
        _selectDue.Parameters["$now"].Value = now;
        _selectDue.Parameters["$max"].Value = max;
        var claimed = new List<ScheduledItem>();
        using (var reader = _selectDue.ExecuteReader())
        {
            while (reader.Read()) claimed.Add(Read(reader));
        }
        foreach (var item in claimed)
        {
            Bind(_lease, transaction, kind, item.Id);
            _lease.Parameters["$until"].Value = leasedUntil;
            _lease.ExecuteNonQuery();
        }
        return claimed;
    }

    public bool Reschedule(string kind, string id, long dueAt, SqliteTransaction transaction)
    {
        Bind(_reschedule, transaction, kind, id);
        _reschedule.Parameters["$due"].Value = dueAt;
        return _reschedule.ExecuteNonQuery() == 1;
    }

    public bool Delete(string kind, string id, SqliteTransaction transaction)
    {
        Bind(_delete, transaction, kind, id);
        return _delete.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// Every item still under a lease that ends after <paramref name="now"/>, due at <paramref name="now"/> instead; each
    /// stays marked leased (claimed before). Used once, at start, so a statement of its own.
    /// </summary>
    public int EndLeases(long now, SqliteTransaction transaction)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE scheduled_work SET due_at = $now WHERE leased = 1 AND due_at > $now";
        command.CommandTimeout = SqliteConnections.CommandTimeoutSeconds;
        command.Parameters.AddWithValue("$now", now);
        return command.ExecuteNonQuery();
    }

    /// <summary>Compare-and-set on the payload alone; read and used once, by `rekey`, so a statement of its own.</summary>
    public bool ReplacePayload(string kind, string id, byte[] expected, byte[] replacement, SqliteTransaction transaction)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE scheduled_work SET payload = $replacement WHERE kind = $kind AND id = $id AND payload = $expected";
        command.CommandTimeout = SqliteConnections.CommandTimeoutSeconds;
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$expected", expected);
        command.Parameters.AddWithValue("$replacement", replacement);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Up to <paramref name="max"/> ids of the kind after <paramref name="after"/>, in order: a page of a listing.</summary>
    public List<string> IdsAfter(string kind, string after, int max)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT id FROM scheduled_work WHERE kind = $kind AND id > $after ORDER BY id LIMIT $max";
        command.CommandTimeout = SqliteConnections.CommandTimeoutSeconds;
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$max", max);
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    public ScheduledItem? Get(string kind, string id)
    {
        Bind(_get, transaction: null, kind, id);
        using var reader = _get.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public long Count(string kind)
    {
        _count.Parameters["$kind"].Value = kind;
        return Convert.ToInt64(_count.ExecuteScalar());
    }

    private static ScheduledItem Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
        reader.GetInt32(2),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
        reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4),
        reader.GetInt64(5) != 0);

    private static void Bind(SqliteCommand command, SqliteTransaction? transaction, string kind, string id)
    {
        command.Transaction = transaction;
        command.Parameters["$kind"].Value = kind;
        command.Parameters["$id"].Value = id;
    }

    private SqliteCommand Prepare(string sql, params string[] parameters) => SqliteConnections.Prepare(Connection, sql, parameters);

    public void Dispose()
    {
        _schedule.Dispose();
        foreach (var command in new[] { _selectDue, _lease, _reschedule, _delete, _get, _count }) command.Dispose();
    }
}
