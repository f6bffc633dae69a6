using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The audit log in the line's SQLite file, table audit_log, appended through the shared <see cref="SqliteWriter"/>
/// in its own savepoint (a failing entry never undoes the sessions committed with it), read on a connection of its
/// own. Each append also deletes what falls past the ceiling, so the table never holds more; entries past their age
/// go by <see cref="PurgeOlderThanAsync"/>, a batch at a time (index audit_log_at).
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
        CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
        """;

    /// <summary>Entries read at a time by <see cref="ReadAllAsync"/>, and deleted at a time by <see cref="PurgeOlderThanAsync"/>.</summary>
    public const int Batch = 2_000;

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
        return [.. (await ReadBatchAsync(long.MaxValue, newestCount, cancellationToken)).Select(row => row.Entry)];
    }

    /// <summary>By id, a batch at a time below the last one read: an entry appended meanwhile neither repeats nor hides one.</summary>
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var below = long.MaxValue;
        while (true)
        {
            var batch = await ReadBatchAsync(below, Batch, cancellationToken);
            foreach (var (_, entry) in batch) yield return entry;
            if (batch.Count < Batch) yield break;
            below = batch[^1].Id;
        }
    }

    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var purged = 0;
        while (true)
        {
            var deleted = await _writer.WriteAsync(new PurgeOlder(cutoff.ToUnixTimeMilliseconds()), cancellationToken);
            purged += deleted;
            if (deleted < Batch) return purged;
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await _readerGate.WaitAsync(cancellationToken);
        try
        {
            using var query = _reader.CreateCommand();
            query.CommandText = "SELECT count(*) FROM audit_log";
            return (long)query.ExecuteScalar()!;
        }
        finally
        {
            _readerGate.Release();
        }
    }

    private async Task<List<(long Id, AuditEntry Entry)>> ReadBatchAsync(long belowId, int count, CancellationToken cancellationToken)
    {
        await _readerGate.WaitAsync(cancellationToken);
        try
        {
            using var query = _reader.CreateCommand();
            query.CommandText = "SELECT id, at, actor, action, target FROM audit_log WHERE id < $below ORDER BY id DESC LIMIT $count";
            query.Parameters.AddWithValue("$below", belowId);
            query.Parameters.AddWithValue("$count", count);
            using var reader = query.ExecuteReader();
            var entries = new List<(long, AuditEntry)>();
            while (reader.Read())
            {
                entries.Add((reader.GetInt64(0), new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2),
                    reader.GetString(3), reader.GetString(4))));
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

    private sealed record PurgeOlder(long CutoffMilliseconds) : ISqliteWrite
    {
        public bool Isolated => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandTimeout = SqliteConnections.CommandTimeoutSeconds;
            delete.CommandText = "DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < $cutoff LIMIT $batch)";
            delete.Parameters.AddWithValue("$cutoff", CutoffMilliseconds);
            delete.Parameters.AddWithValue("$batch", Batch);
            return delete.ExecuteNonQuery();
        }
    }
}
