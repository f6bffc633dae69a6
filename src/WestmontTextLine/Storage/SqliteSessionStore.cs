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
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Past this much unreset WAL, the writer restarts it. Under steady load the passive checkpoints beside the
    /// writer copy the WAL into the database but never catch up with it, so it is never reset and grows without end.
    /// Once a passive checkpoint finds this much in the WAL, the writer runs a RESTART checkpoint between two
    /// batches: the frames written since that passive one are all it has left to copy (about a millisecond), and the
    /// WAL is then written again from its start, in the disk blocks it already has. (TRUNCATE would also hand those
    /// blocks back and take them again: measured 20-25 ms a time, against 1-2 ms.)
    /// </summary>
    public const long WalRestartThresholdBytes = 16L * 1024 * 1024;

    /// <summary>Should restarts fail (readers holding old snapshots), the writer truncates the WAL past this size.</summary>
    public const long WalHardLimitBytes = 48L * 1024 * 1024;
    private static readonly TimeSpan WalSizeCheckInterval = TimeSpan.FromMilliseconds(200);
    private const int WalFrameHeaderBytes = 24;
    private int _restartWanted;
    private long _nextWalSizeCheck;
    private int _checkpointing;
    private readonly long _pageSize;
    private readonly string? _walPath;
    private readonly SqliteFileWatch _file;
    private volatile string? _lastWriteFault;
    private readonly ILogger? _logger;
    private bool _fileProblemLogged;

    private readonly SqliteSessionCommands _writer;
    private readonly SqliteSessionCommands _reader;
    private readonly SqliteConnection _checkpointer;
    private readonly Timer _checkpoints;
    private readonly SemaphoreSlim _readerGate = new(1, 1);
    private readonly ConcurrentDictionary<string, Session?> _cache = new(StringComparer.Ordinal);
    private readonly Channel<StoreChange> _changes = Channel.CreateUnbounded<StoreChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _commitLoop;
    private long _cacheGeneration;

    public SqliteSessionStore(string connectionString, ILogger? logger = null)
    {
        _logger = logger;
        var databasePath = SqliteFileWatch.PathOf(connectionString);
        _file = new SqliteFileWatch(databasePath);
        _walPath = databasePath is null ? null : databasePath + "-wal";
        try
        {
            _writer = new SqliteSessionCommands(Open(connectionString));
            _reader = new SqliteSessionCommands(Open(connectionString));
            // A file that opens but cannot be written would give every texter the fallback: refuse to start instead.
            using (var transaction = _writer.Connection.BeginTransaction())
            {
                _writer.Probe(transaction);
                transaction.Commit();
            }
        }
        catch (SqliteException ex)
        {
            _writer?.Dispose();
            _reader?.Dispose();
            throw new StorageUnavailableException(
                $"Storage:ConnectionString: cannot open the SQLite database {databasePath ?? "(in memory)"} for reading and writing " +
                $"(SQLite error {ex.SqliteErrorCode}: {ex.Message.Split('\n')[0].Split('\'').ElementAtOrDefault(1) ?? ex.Message}). " +
                "Make the file and its folder writable by this process, or point Storage:ConnectionString elsewhere.", ex);
        }
        // Checkpoints copy the WAL into the database file and wait on an fsync. Left automatic, one lands inside a
        // commit now and then and every text in that batch waits for it; here they run beside the writer instead.
        _writer.Execute("PRAGMA wal_autocheckpoint=0");
        _checkpointer = Open(connectionString);
        using (var pageSize = _checkpointer.CreateCommand())
        {
            pageSize.CommandText = "PRAGMA page_size";
            _pageSize = Convert.ToInt64(pageSize.ExecuteScalar());
        }
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

    public async Task<bool> SaveAsync(string senderKey, Session session, DateTimeOffset? notAfter = null, CancellationToken cancellationToken = default)
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

    /// <summary>
    /// Healthy only when a write reaches the file as a session save would: the writer runs, its last batch did not
    /// fail, the file is still the one at its path, and a probe row can be rewritten through the writer now.
    /// </summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        if (_commitLoop.IsCompleted) throw new StorageUnavailableException("the SQLite writer has stopped");
        if (_file.Problem() is { } moved) throw new StorageUnavailableException(moved);
        await SubmitAsync(new StoreChange.Probe(), cancellationToken);
    }

    /// <summary>Why the last batch of writes failed, or null when it succeeded.</summary>
    public string? LastWriteFault => _lastWriteFault;

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
                _lastWriteFault = null;
                for (var i = 0; i < batch.Count; i++)
                {
                    RecordInCache(batch[i], results[i]);
                    if (batch[i] is StoreChange.Along { Failure: { } failure }) batch[i].Committed.TrySetException(failure);
                    else batch[i].Committed.TrySetResult(results[i]);
                }
                KeepWalBounded();
            }
            catch (Exception ex)
            {
                _lastWriteFault = ex is SqliteException sqlite ? $"SQLite error {sqlite.SqliteErrorCode}" : ex.GetType().Name;
                foreach (var change in batch) change.Committed.TrySetException(ex);
            }
        }
    }

    /// <summary>Between two batches, on the writer's own connection: a restart the checkpointer asked for, or a truncation.</summary>
    private void KeepWalBounded()
    {
        try
        {
            if (PastHardLimit()) _writer.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
            else if (Interlocked.Exchange(ref _restartWanted, 0) == 1) _writer.Execute("PRAGMA wal_checkpoint(RESTART)");
        }
        catch (Exception)
        {
            // Busy readers or a full disk: the checkpointer asks again; a failing disk shows in the next batch.
        }
    }

    private bool PastHardLimit()
    {
        if (_walPath is null) return false;
        var now = Environment.TickCount64;
        if (now < _nextWalSizeCheck) return false;
        _nextWalSizeCheck = now + (long)WalSizeCheckInterval.TotalMilliseconds;
        var wal = new FileInfo(_walPath);
        return wal.Exists && wal.Length >= WalHardLimitBytes;
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
            case StoreChange.Probe:
                _writer.Probe(transaction);
                return 1;
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
            ReportFileProblemOnce();
            var framesInWal = PassiveCheckpoint();
            if (framesInWal * (_pageSize + WalFrameHeaderBytes) >= WalRestartThresholdBytes) Volatile.Write(ref _restartWanted, 1);
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

    /// <summary>Copies what it can of the WAL into the database without blocking the writer; returns the WAL's frames.</summary>
    private long PassiveCheckpoint()
    {
        using var command = _checkpointer.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var result = command.ExecuteReader();
        return result.Read() && !result.IsDBNull(1) ? Math.Max(0, result.GetInt64(1)) : 0;
    }

    private void ReportFileProblemOnce()
    {
        var problem = _file.Problem();
        if (problem is null || _fileProblemLogged) return;
        _fileProblemLogged = true;
        _logger?.LogError("Storage: {Problem}. Texts are answered but nothing written from now on survives a restart; restart the line once the file is back.", problem);
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

        public sealed record Probe : StoreChange;

        public sealed record Along(Action<SqliteConnection, SqliteTransaction> Write) : StoreChange
        {
            public Exception? Failure { get; set; }
        }
    }
}
