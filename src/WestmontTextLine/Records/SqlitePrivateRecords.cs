using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Records;

/// <summary>
/// Private records in the line's SQLite file, table private_records. Every change goes through the shared
/// <see cref="SqliteWriter"/> in its own savepoint, so a failing one never undoes the sessions committed with it;
/// the writer applies changes one at a time, which makes each compare-and-set atomic. Reads run on a connection of
/// their own. With secure_delete on (<see cref="SqliteConnections"/>), a deleted, purged or overwritten payload is
/// overwritten in the file, not just unlinked.
/// </summary>
public sealed class SqlitePrivateRecords : IPrivateRecords, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The most expired records one purge write deletes. A write holds the shared writer, and the session saves behind
    /// it wait: a backlog is purged in several short writes instead of one long one.
    /// </summary>
    public const int PurgeBatch = 500;

    private readonly SqliteWriter _writer;
    private readonly bool _ownsWriter;
    private readonly SqlitePrivateRecordRows _written;
    private readonly SqliteReader<SqlitePrivateRecordRows> _read;

    public SqlitePrivateRecords(SqliteWriter writer) : this(writer, ownsWriter: false)
    {
    }

    /// <summary>A store with a writer of its own, for a file nothing else writes to (tests).</summary>
    public SqlitePrivateRecords(string connectionString) : this(new SqliteWriter(connectionString), ownsWriter: true)
    {
    }

    private SqlitePrivateRecords(SqliteWriter writer, bool ownsWriter)
    {
        _writer = writer;
        _ownsWriter = ownsWriter;
        _written = writer.Prepare(connection =>
        {
            SqliteConnections.Execute(connection, SqlitePrivateRecordRows.CreateTable);
            return new SqlitePrivateRecordRows(connection);
        });
        _read = new SqliteReader<SqlitePrivateRecordRows>(writer.ConnectionString, connection => new SqlitePrivateRecordRows(connection));
    }

    public async Task<PrivateRecord?> GetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        PrivateRecordArguments.Check(kind, key);
        return await _read.ReadAsync(rows => rows.Get(kind, key, now.ToUnixTimeMilliseconds()), cancellationToken);
    }

    public async Task<string?> AnyKeyAsync(string kind, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        PrivateRecordArguments.CheckKind(kind);
        return await _read.ReadAsync(rows => rows.AnyKey(kind, now.ToUnixTimeMilliseconds()), cancellationToken);
    }

    /// <summary>How many records one read of <see cref="ListAsync"/> lists.</summary>
    public const int ListPage = 500;

    public async IAsyncEnumerable<PrivateRecordId> ListAsync(DateTimeOffset now,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        PrivateRecordId? after = null;
        while (true)
        {
            var page = await _read.ReadAsync(rows => rows.IdsAfter(after, now.ToUnixTimeMilliseconds(), ListPage), cancellationToken);
            foreach (var id in page) yield return id;
            if (page.Count < ListPage) yield break;
            after = page[^1];
        }
    }

    public async Task<bool> TryPutAsync(string kind, string key, byte[] payload, long expectedVersion, DateTimeOffset? expiresAt, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var (expiresAtMilliseconds, nowMilliseconds) = PrivateRecordArguments.CheckPut(kind, key, payload, expectedVersion, expiresAt, now);
        // Copied, so that a caller reusing its buffer cannot change what is committed.
        var put = new Put(_written, kind, key, payload.ToArray(), expectedVersion, expiresAtMilliseconds, nowMilliseconds);
        return await _writer.WriteAsync(put, cancellationToken) == 1;
    }

    public async Task<bool> DeleteAsync(string kind, string key, CancellationToken cancellationToken = default)
    {
        PrivateRecordArguments.Check(kind, key);
        return await _writer.WriteAsync(new Delete(_written, kind, key), cancellationToken) == 1;
    }

    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var purge = new Purge(_written, now.ToUnixTimeMilliseconds());
        var total = 0;
        int purged;
        do
        {
            purged = await _writer.WriteAsync(purge, cancellationToken);
            total += purged;
        }
        while (purged == PurgeBatch);
        return total;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        _writer.Release(_written);
        if (_ownsWriter) await _writer.DisposeAsync();
        _read.Dispose();
    }

    private sealed record Put(SqlitePrivateRecordRows Rows, string Kind, string Key, byte[] Payload, long ExpectedVersion, long? ExpiresAt, long Now)
        : ISqliteWrite
    {
        public bool Isolated => true;

        public bool ShowsRoom => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction) =>
            Rows.Put(Kind, Key, Payload, ExpectedVersion, ExpiresAt, Now, transaction) ? 1 : 0;
    }

    private sealed record Delete(SqlitePrivateRecordRows Rows, string Kind, string Key) : ISqliteWrite
    {
        public bool Isolated => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction) => Rows.Delete(Kind, Key, transaction) ? 1 : 0;
    }

    private sealed record Purge(SqlitePrivateRecordRows Rows, long Now) : ISqliteWrite
    {
        public bool Isolated => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction) => Rows.Purge(Now, PurgeBatch, transaction);
    }
}
