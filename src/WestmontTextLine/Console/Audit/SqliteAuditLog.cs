using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The audit log in the line's SQLite file, table audit_log, appended through the shared <see cref="SqliteWriter"/>
/// in its own savepoint (a failing entry never undoes the sessions committed with it), read on a connection of its
/// own. Each append also deletes what falls past the ceiling, so the table never holds more; entries past their age
/// go by <see cref="PurgeOlderThanAsync"/>, a batch at a time (index audit_log_at). The Audit page's view is one read
/// transaction: the filter in SQL (indexes on the folded actor, action and time; the target in the folded copy that
/// each row keeps, with instr(); both folded as Redis folds them, <see cref="SqliteAuditFoldedColumns"/>), a count, one
/// page by id, and the actors and actions walked along their indexes, a row per name.
/// </summary>
public sealed class SqliteAuditLog : IAuditLog, IAsyncDisposable, IDisposable
{
    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS audit_log (
            id     INTEGER PRIMARY KEY,
            at     INTEGER NOT NULL,
            actor  TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            target_folded TEXT,
            actor_folded TEXT
        );
        CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
        CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (actor COLLATE NOCASE);
        CREATE INDEX IF NOT EXISTS audit_log_action ON audit_log (action);
        CREATE TABLE IF NOT EXISTS audit_once (
            id    TEXT PRIMARY KEY,
            until INTEGER NOT NULL
        ) WITHOUT ROWID;
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
            SqliteAuditFoldedColumns.Prepare(connection);
            return true;
        });
        _reader = SqliteConnections.Open(writer.ConnectionString);
        _reader.CreateFunction<string, string, bool>(ContainsFunction,
            (target, text) => target.Contains(text, StringComparison.OrdinalIgnoreCase), isDeterministic: true);
        _reader.CreateFunction<string, string, bool>(SameActorFunction,
            (actor, name) => AuditFilter.Folded(actor) == AuditFilter.Folded(name), isDeterministic: true);
    }

    /// <summary>The reader's SQL function for "To what": the target holds the text, in any case (SQLite's LIKE folds ASCII only).</summary>
    private const string ContainsFunction = "audit_target_contains";

    /// <summary>The reader's SQL function for "Who" on a row an older build wrote without actor_folded.</summary>
    private const string SameActorFunction = "audit_same_actor";

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

    public async Task<AuditView> ReadViewAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await _readerGate.WaitAsync(cancellationToken);
        try
        {
            using var transaction = _reader.BeginTransaction(deferred: true);
            var (where, parameters) = Where(filter);
            var (matching, shown, pageIds) = filter.TargetContains is null
                ? CountedPage(transaction, where, parameters, page, pageSize)
                : ScannedPage(transaction, where, parameters, page, pageSize);
            var entries = new List<AuditEntry>();
            using (var query = Query(transaction, $"SELECT at, actor, action, target FROM audit_log WHERE id IN ({pageIds}) ORDER BY id DESC", parameters))
            using (var reader = query.ExecuteReader())
            {
                while (reader.Read()) entries.Add(EntryAt(reader, 0));
            }
            var actors = Distinct(transaction, "actor", "COLLATE NOCASE");
            var kinds = Distinct(transaction, "action", "").Select(AuditFilter.KindOf).Distinct().ToList();
            transaction.Commit();
            return new AuditView(entries, (int)matching, shown, actors, kinds);
        }
        finally
        {
            _readerGate.Release();
        }
    }

    /// <summary>A count, then the page's ids from an index alone where one fits (the filters an index holds).</summary>
    private (long Matching, int Shown, string PageIds) CountedPage(SqliteTransaction transaction, string where, List<(string Name, object Value)> parameters,
        int page, int pageSize)
    {
        var matching = (long)Query(transaction, $"SELECT count(*) FROM audit_log {where}", parameters).ExecuteScalar()!;
        var shown = AuditView.PageWithin(page, matching, pageSize);
        parameters.AddRange([("$count", pageSize), ("$skip", (long)shown * pageSize)]);
        return (matching, shown, $"SELECT id FROM audit_log {where} ORDER BY id DESC LIMIT $count OFFSET $skip");
    }

    /// <summary>
    /// Text in "To what", which no index holds: one pass over the rows the other filters leave, newest first, that
    /// counts the matching ids and keeps the page's (a count and then the page were two passes).
    /// </summary>
    private (long Matching, int Shown, string PageIds) ScannedPage(SqliteTransaction transaction, string where, List<(string Name, object Value)> parameters,
        int page, int pageSize)
    {
        var wanted = (long)Math.Max(0, page) * pageSize;
        var ids = new List<long>(pageSize);
        var lastPage = new List<long>(pageSize);
        long matching = 0;
        using (var query = Query(transaction, $"SELECT id FROM audit_log {where} ORDER BY id DESC", parameters))
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                if (matching >= wanted && ids.Count < pageSize) ids.Add(id);
                if (matching % pageSize == 0) lastPage.Clear();
                lastPage.Add(id);
                matching++;
            }
        }
        var shown = AuditView.PageWithin(page, matching, pageSize);
        var pageIds = ids.Count > 0 || matching == 0 ? ids : lastPage;
        return (matching, shown, pageIds.Count == 0 ? "SELECT NULL" : string.Join(',', pageIds));
    }

    private static (string Where, List<(string Name, object Value)> Parameters) Where(AuditFilter filter)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object)>();
        if (filter.Actor is { } actor)
        {
            // By the folded copy's index, in any case of any letter ("JOSÉ" finds "José"; NOCASE folded ASCII only).
            // Rows an older build wrote after the column was filled (it leaves it empty) compare through .NET.
            conditions.Add($"(actor_folded = $actorFolded OR (actor_folded IS NULL AND {SameActorFunction}(actor, $actor)))");
            parameters.AddRange([("$actorFolded", AuditFilter.Folded(actor)), ("$actor", actor)]);
        }
        if (filter.Kind is { } kind)
        {
            // "inbox" and every "inbox.<something>": '/' comes right after '.', and an action holds neither '/' nor a kind '.'.
            conditions.Add("(action = $kind OR (action >= $kindFrom AND action < $kindTo))");
            parameters.AddRange([("$kind", kind), ("$kindFrom", kind + "."), ("$kindTo", kind + "/")]);
        }
        if (filter.TargetContains is { } text)
        {
            // Rows an older build wrote after the column was filled (it leaves it empty) compare through .NET.
            conditions.Add($"(CASE WHEN target_folded IS NULL THEN {ContainsFunction}(target, $about) ELSE instr(target_folded, $folded) > 0 END)");
            parameters.AddRange([("$about", text), ("$folded", AuditFilter.Folded(text))]);
        }
        if (filter.From is { } from)
        {
            conditions.Add("at >= $from");
            parameters.Add(("$from", from.ToUnixTimeMilliseconds()));
        }
        if (filter.Before is { } before)
        {
            conditions.Add("at < $before");
            parameters.Add(("$before", before.ToUnixTimeMilliseconds()));
        }
        return (conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions), parameters);
    }

    private SqliteCommand Query(SqliteTransaction transaction, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        var query = _reader.CreateCommand();
        query.Transaction = transaction;
        query.CommandText = sql;
        foreach (var (name, value) in parameters) query.Parameters.AddWithValue(name, value);
        return query;
    }

    /// <summary>The distinct values of a column, one index step per value (a skip-scan), not a row per entry.</summary>
    private List<string> Distinct(SqliteTransaction transaction, string column, string collation)
    {
        using var query = Query(transaction, $"""
            WITH RECURSIVE seen(value) AS (
                SELECT (SELECT {column} FROM audit_log ORDER BY {column} {collation} LIMIT 1)
                UNION ALL
                SELECT (SELECT {column} FROM audit_log WHERE {column} > seen.value {collation} ORDER BY {column} {collation} LIMIT 1)
                FROM seen WHERE seen.value IS NOT NULL)
            SELECT value FROM seen WHERE value IS NOT NULL
            """, []);
        using var reader = query.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    private static AuditEntry EntryAt(SqliteDataReader reader, int first) =>
        new(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(first)), reader.GetString(first + 1), reader.GetString(first + 2), reader.GetString(first + 3));

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
                entries.Add((reader.GetInt64(0), EntryAt(reader, 1)));
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
            if (Entry.OnceId is { } onceId && !FirstWithOnceId(connection, transaction, onceId)) return 0;
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandTimeout = SqliteConnections.CommandTimeoutSeconds;
            insert.CommandText = """
                INSERT INTO audit_log (at, actor, action, target, target_folded, actor_folded)
                VALUES ($at, $actor, $action, $target, $folded, $actorFolded);
                DELETE FROM audit_log WHERE id <= last_insert_rowid() - $capacity;
                """;
            insert.Parameters.AddWithValue("$at", Entry.Time.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$actor", Entry.Actor);
            insert.Parameters.AddWithValue("$action", Entry.Action);
            insert.Parameters.AddWithValue("$target", Entry.Target);
            insert.Parameters.AddWithValue("$folded", AuditFilter.Folded(Entry.Target));
            insert.Parameters.AddWithValue("$actorFolded", AuditFilter.Folded(Entry.Actor));
            insert.Parameters.AddWithValue("$capacity", Capacity);
            insert.ExecuteNonQuery();
            return 1;
        }

        /// <summary>Remembers the once id (the expired ones forgotten); false when it is already remembered.</summary>
        private bool FirstWithOnceId(SqliteConnection connection, SqliteTransaction transaction, string onceId)
        {
            using var remember = connection.CreateCommand();
            remember.Transaction = transaction;
            remember.CommandTimeout = SqliteConnections.CommandTimeoutSeconds;
            remember.CommandText = """
                DELETE FROM audit_once WHERE until < $at;
                INSERT OR IGNORE INTO audit_once (id, until) VALUES ($id, $until);
                """;
            remember.Parameters.AddWithValue("$at", Entry.Time.ToUnixTimeMilliseconds());
            remember.Parameters.AddWithValue("$id", onceId);
            remember.Parameters.AddWithValue("$until", (Entry.Time + AuditEntry.OnceIdKeptFor).ToUnixTimeMilliseconds());
            remember.ExecuteNonQuery();
            return Inserted(connection, transaction);
        }

        private static bool Inserted(SqliteConnection connection, SqliteTransaction transaction)
        {
            using var changes = connection.CreateCommand();
            changes.Transaction = transaction;
            changes.CommandText = "SELECT changes()";
            return (long)changes.ExecuteScalar()! > 0;
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
