using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// Sessions in the line's SQLite file, for a single instance of the line. Every change goes through the shared
/// <see cref="SqliteWriter"/> (group commit: a save returns only once committed). A write-through cache keeps each
/// committed session in memory, so reading a session costs no SQL: sound only while this process is the file's only
/// writer, which is what the SQLite provider is for. The database decides every version check (conditional
/// INSERT/UPDATE), never the cache.
/// </summary>
public sealed class SqliteSessionStore : ISessionStore, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// Sessions kept in memory: 50,000, or fewer where the GC may use little memory (a sixteenth of it at about 1 KB
    /// a session), so a flood of distinct senders in a small container cannot exhaust the heap.
    /// </summary>
    public static readonly int MaxCachedSessions = (int)Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 16 / 1024, 1_000, 50_000);

    private readonly SqliteWriter _writer;
    private readonly bool _ownsWriter;
    private readonly SqliteSessionRows _written;
    private readonly SqliteSessionRows _read;
    private readonly SemaphoreSlim _readerGate = new(1, 1);
    private readonly ConcurrentDictionary<string, Session?> _cache = new(StringComparer.Ordinal);
    private long _cacheGeneration;

    public SqliteSessionStore(SqliteWriter writer) : this(writer, ownsWriter: false)
    {
    }

    /// <summary>A store with a writer of its own, for a file nothing else writes to (tests, the start-up warm-up).</summary>
    public SqliteSessionStore(string connectionString) : this(new SqliteWriter(connectionString), ownsWriter: true)
    {
    }

    private SqliteSessionStore(SqliteWriter writer, bool ownsWriter)
    {
        _writer = writer;
        _ownsWriter = ownsWriter;
        _written = writer.Prepare(connection => new SqliteSessionRows(connection));
        _read = new SqliteSessionRows(SqliteConnections.Open(writer.ConnectionString));
    }

    public async Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(senderKey, out var cached)) return cached;
        var generation = Interlocked.Read(ref _cacheGeneration);
        await _readerGate.WaitAsync(cancellationToken);
        Session? session;
        try
        {
            session = _read.Load(senderKey);
        }
        finally
        {
            _readerGate.Release();
        }
        // A purge or eviction while we read may have made this stale: then leave the cache to the next read.
        if (Interlocked.Read(ref _cacheGeneration) == generation) _cache.TryAdd(senderKey, session);
        return session;
    }

    public async Task<bool> SaveAsync(string senderKey, Session session, DateTimeOffset? notAfter = null, CancellationToken cancellationToken = default) =>
        await _writer.WriteAsync(new Save(this, senderKey, session), cancellationToken) != 0;

    public Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(new Delete(this, senderKey), cancellationToken);

    public Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(new Purge(this, idleBefore), cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken = default) => _writer.PingAsync(cancellationToken);

    private void ForgetCache()
    {
        Interlocked.Increment(ref _cacheGeneration);
        _cache.Clear();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_ownsWriter) await _writer.DisposeAsync();
        _written.Dispose();
        _read.Dispose();
        _read.Connection.Dispose();
        _readerGate.Dispose();
    }

    // The cache is updated in Committed, which the writer runs in commit order: it never goes back in time.

    private sealed record Save(SqliteSessionStore Store, string SenderKey, Session Session) : ISqliteWrite
    {
        public int Apply(SqliteConnection connection, SqliteTransaction transaction) =>
            Store._written.Save(SenderKey, Session, transaction) ? 1 : 0;

        public void Committed(int result)
        {
            if (result == 0)
            {
                Store._cache.TryRemove(SenderKey, out _); // lost a version check: the next read goes to the database
                return;
            }
            if (Store._cache.Count >= MaxCachedSessions) Store.ForgetCache();
            Store._cache[SenderKey] = Session with { Version = Session.Version + 1 };
        }
    }

    private sealed record Delete(SqliteSessionStore Store, string SenderKey) : ISqliteWrite
    {
        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            Store._written.Delete(SenderKey, transaction);
            return 1;
        }

        public void Committed(int result) => Store._cache[SenderKey] = null;
    }

    private sealed record Purge(SqliteSessionStore Store, DateTimeOffset IdleBefore) : ISqliteWrite
    {
        public int Apply(SqliteConnection connection, SqliteTransaction transaction) => Store._written.PurgeIdle(IdleBefore, transaction);

        public void Committed(int result) => Store.ForgetCache();
    }
}
