using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// Sessions in one SQLite file (WAL, synchronous=NORMAL), for a single instance of the line.
/// <list type="bullet">
/// <item>Group commit: every change goes to one writer, which commits all the changes waiting at that moment in one
/// transaction. A save returns only after its transaction has committed, so a reply never runs ahead of its state.</item>
/// <item>Write-through cache: the writer records each committed session in memory, so reading a session costs no
/// SQL. Sound only while this process is the file's only writer, which is what the SQLite provider is for.</item>
/// </list>
/// The database decides every version check (conditional INSERT/UPDATE), never the cache.
/// </summary>
public sealed class SqliteSessionStore : ISessionStore, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// Sessions kept in memory: 50,000, or fewer where the GC may use little memory (a sixteenth of it at about 1 KB
    /// a session), so a flood of distinct senders in a small container cannot exhaust the heap.
    /// </summary>
    public static readonly int MaxCachedSessions = (int)Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 16 / 1024, 1_000, 50_000);
    private const int MaxBatch = 512;
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);
    private int _checkpointing;

    private readonly SqliteSessionCommands _writer;
    private readonly SqliteSessionCommands _reader;
    private readonly SqliteConnection _checkpointer;
    private readonly Timer _checkpoints;
    private readonly SemaphoreSlim _readerGate = new(1, 1);
    private readonly ConcurrentDictionary<string, Session?> _cache = new(StringComparer.Ordinal);
    private readonly Channel<StoreChange> _changes = Channel.CreateUnbounded<StoreChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _commitLoop;
    private long _cacheGeneration;

    public SqliteSessionStore(string connectionString)
    {
        _writer = new SqliteSessionCommands(Open(connectionString));
        _reader = new SqliteSessionCommands(Open(connectionString));
        // Checkpoints copy the WAL into the database file and wait on an fsync. Left automatic, one lands inside a
        // commit now and then and every text in that batch waits for it; here they run beside the writer instead.
        _writer.Execute("PRAGMA wal_autocheckpoint=0");
        _checkpointer = Open(connectionString);
        _checkpoints = new Timer(_ => Checkpoint(), null, CheckpointInterval, CheckpointInterval);
        _commitLoop = Task.Run(CommitLoopAsync);
    }

    public async Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(senderKey, out var cached)) return cached;
        var generation = Interlocked.Read(ref _cacheGeneration);
        await _readerGate.WaitAsync(cancellationToken);
        Session? session;
        try
        {
            session = _reader.Load(senderKey);
        }
        finally
        {
            _readerGate.Release();
        }
        // A purge or eviction while we read may have made this stale: then leave the cache to the next read.
        if (Interlocked.Read(ref _cacheGeneration) == generation) _cache.TryAdd(senderKey, session);
        return session;
    }

    public async Task<bool> SaveAsync(string senderKey, Session session, CancellationToken cancellationToken = default)
    {
        var saved = await SubmitAsync(new StoreChange.Save(senderKey, session), cancellationToken);
        return saved != 0;
    }

    public Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default) =>
        SubmitAsync(new StoreChange.Delete(senderKey), cancellationToken);

    public Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default) =>
        SubmitAsync(new StoreChange.Purge(idleBefore), cancellationToken);

    /// <summary>
    /// Runs other writes to the same file (the usage counts) inside the writer's next transaction, so the file has
    /// one writer and a session save never waits on another connection's lock.
    /// </summary>
    public Task WriteAlongAsync(Action<SqliteConnection, SqliteTransaction> write, CancellationToken cancellationToken = default) =>
        SubmitAsync(new StoreChange.Along(write), cancellationToken);

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        if (_commitLoop.IsCompleted) throw new InvalidOperationException("The SQLite writer has stopped.");
        await _readerGate.WaitAsync(cancellationToken);
        try
        {
            _reader.Execute("SELECT 1");
        }
        finally
        {
            _readerGate.Release();
        }
    }

    private async Task<int> SubmitAsync(StoreChange change, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_changes.Writer.TryWrite(change)) throw new ObjectDisposedException(nameof(SqliteSessionStore));
        // A caller that gives up before the writer reaches its change withdraws it (see CommitLoopAsync).
        await using var withdraw = cancellationToken.Register(() => change.Committed.TrySetCanceled(cancellationToken));
        return await change.Committed.Task;
    }

    private async Task CommitLoopAsync()
    {
        var batch = new List<StoreChange>(MaxBatch);
        var results = new int[MaxBatch];
        while (await _changes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _changes.Reader.TryRead(out var change))
            {
                if (!change.Committed.Task.IsCompleted) batch.Add(change);
            }
            if (batch.Count == 0) continue;
            try
            {
                using (var transaction = _writer.Connection.BeginTransaction())
                {
                    for (var i = 0; i < batch.Count; i++) results[i] = Apply(batch[i], transaction);
                    transaction.Commit();
                }
                for (var i = 0; i < batch.Count; i++)
                {
                    RecordInCache(batch[i], results[i]);
                    if (batch[i] is StoreChange.Along { Failure: { } failure }) batch[i].Committed.TrySetException(failure);
                    else batch[i].Committed.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var change in batch) change.Committed.TrySetException(ex);
            }
        }
    }

    private int Apply(StoreChange change, SqliteTransaction transaction)
    {
        switch (change)
        {
            case StoreChange.Save save:
                return _writer.Save(save.SenderKey, save.Session, transaction) ? 1 : 0;
            case StoreChange.Delete delete:
                _writer.Delete(delete.SenderKey, transaction);
                return 1;
            case StoreChange.Purge purge:
                return _writer.PurgeIdle(purge.IdleBefore, transaction);
            case StoreChange.Along along:
                // Its own savepoint: a failing usage write must not undo the sessions committed with it.
                transaction.Save("along");
                try
                {
                    along.Write(_writer.Connection, transaction);
                    transaction.Release("along");
                    return 1;
                }
                catch (Exception ex) when (ex is not SqliteException { SqliteErrorCode: 5 or 6 })
                {
                    transaction.Rollback("along");
                    transaction.Release("along");
                    along.Failure = ex;
                    return 0;
                }
            default:
                throw new InvalidOperationException(change.GetType().Name);
        }
    }

    // Runs on the writer only, in commit order, so the cache never goes back in time.
    private void RecordInCache(StoreChange change, int result)
    {
        switch (change)
        {
            case StoreChange.Save save when result == 1:
                if (_cache.Count >= MaxCachedSessions) ForgetCache();
                _cache[save.SenderKey] = save.Session with { Version = save.Session.Version + 1 };
                break;
            case StoreChange.Save save:
                _cache.TryRemove(save.SenderKey, out _); // lost a version check: the next read goes to the database
                break;
            case StoreChange.Delete delete:
                _cache[delete.SenderKey] = null;
                break;
            case StoreChange.Purge:
                ForgetCache();
                break;
        }
    }

    private void Checkpoint()
    {
        if (Interlocked.Exchange(ref _checkpointing, 1) == 1) return;
        try
        {
            using var command = _checkpointer.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            command.ExecuteNonQuery();
        }
        catch (Exception)
        {
            // A missed checkpoint only lets the WAL grow until the next one; the writer is what reports faults.
        }
        finally
        {
            Volatile.Write(ref _checkpointing, 0);
        }
    }

    private void ForgetCache()
    {
        Interlocked.Increment(ref _cacheGeneration);
        _cache.Clear();
    }

    private static SqliteConnection Open(string connectionString)
    {
        // BEGIN is run with the connection's default timeout, not a command's: it must give up as fast.
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = SqliteSessionCommands.CommandTimeoutSeconds };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_changes.Writer.TryComplete()) await _commitLoop;
        await _checkpoints.DisposeAsync();
        while (Volatile.Read(ref _checkpointing) == 1) await Task.Delay(1);
        _checkpointer.Dispose();
        _writer.Dispose();
        _reader.Dispose();
        _readerGate.Dispose();
    }

    private abstract record StoreChange
    {
        public TaskCompletionSource<int> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public sealed record Save(string SenderKey, Session Session) : StoreChange;

        public sealed record Delete(string SenderKey) : StoreChange;

        public sealed record Purge(DateTimeOffset IdleBefore) : StoreChange;

        public sealed record Along(Action<SqliteConnection, SqliteTransaction> Write) : StoreChange
        {
            public Exception? Failure { get; set; }
        }
    }
}
