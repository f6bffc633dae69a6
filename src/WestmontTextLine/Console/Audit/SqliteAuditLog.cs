using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The audit log in the line's SQLite file, table audit_log, appended through the shared <see cref="SqliteWriter"/>
/// in its own savepoint (a failing entry never undoes the sessions committed with it), read on a connection of its
/// own. Each append also deletes what falls past the capacity, so the table keeps the newest entries.
/// </summary>
public sealed class SqliteAuditLog : IAuditLog, IAsyncDisposable, IDisposable
{
    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS audit_log (
            id     INTEGER PRIMARY KEY,
            at     INTEGER NOT NULL,
            actor  TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL
        );
        """;

    private readonly SqliteWriter _writer;
    private readonly bool _ownsWriter;
    private readonly int _capacity;
    private readonly SqliteConnection _reader;
    private readonly SemaphoreSlim _readerGate = new(1, 1);

    public SqliteAuditLog(SqliteWriter writer, int capacity = IAuditLog.DefaultCapacity) : this(writer, ownsWriter: false, capacity)
    {
    }

    /// <summary>A log with a writer of its own, for a file nothing else writes to (tests).</summary>
    public SqliteAuditLog(string connectionString, int capacity = IAuditLog.DefaultCapacity)
        : this(new SqliteWriter(connectionString), ownsWriter: true, capacity)
    {
    }

    private SqliteAuditLog(SqliteWriter writer, bool ownsWriter, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _writer = writer;
        _ownsWriter = ownsWriter;
        _capacity = capacity;
        writer.Prepare(connection =>
        {
            SqliteConnections.Execute(connection, CreateTable);
            return true;
        });
        _reader = SqliteConnections.Open(writer.ConnectionString);
    }

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _writer.WriteAsync(new Append(entry, _capacity), cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(int newestCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newestCount);
        await _readerGate.WaitAsync(cancellationToken);
        try
        {
            using var query = _reader.CreateCommand();
            query.CommandText = "SELECT at, actor, action, target FROM audit_log ORDER BY id DESC LIMIT $count";
            query.Parameters.AddWithValue("$count", newestCount);
            using var reader = query.ExecuteReader();
            var entries = new List<AuditEntry>();
            while (reader.Read())
            {
                entries.Add(new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2),
                    reader.GetString(3)));
            }
            return entries;
        }
        finally
        {
            _readerGate.Release();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_ownsWriter) await _writer.DisposeAsync();
        _reader.Dispose();
        _readerGate.Dispose();
    }

    private sealed record Append(AuditEntry Entry, int Capacity) : ISqliteWrite
    {
        public bool Isolated => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandTimeout = SqliteConnections.CommandTimeoutSeconds;
            insert.CommandText = """
                INSERT INTO audit_log (at, actor, action, target) VALUES ($at, $actor, $action, $target);
                DELETE FROM audit_log WHERE id <= last_insert_rowid() - $capacity;
                """;
            insert.Parameters.AddWithValue("$at", Entry.Time.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$actor", Entry.Actor);
            insert.Parameters.AddWithValue("$action", Entry.Action);
            insert.Parameters.AddWithValue("$target", Entry.Target);
            insert.Parameters.AddWithValue("$capacity", Capacity);
            insert.ExecuteNonQuery();
            return 1;
        }
    }
}
