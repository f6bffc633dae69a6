using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WestmontTextLine.Storage;

/// <summary>
/// The one writer of the line's SQLite file, shared by everything that writes there (sessions, usage counts, and
/// what later features add). Group commit: every change goes to one loop, which commits all the changes waiting at
/// that moment in one transaction; a change's task completes only after its transaction has committed, so a reply
/// never runs ahead of its state. A caller that gives up before the loop takes its change into a transaction (which
/// it does once it holds the file's write lock) withdraws it; after that, the caller waits for the commit.
/// Beside the loop, a checkpointer copies the WAL into the database, flushes it to disk, and keeps the WAL bounded
/// (<see cref="SqliteWalKeeper"/>); the writer also answers whether a write reaches the file now (for /healthz).
/// </summary>
public sealed class SqliteWriter : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 512;
    private const int GatherBelow = 64;

    private readonly SqliteConnection _connection;
    private bool _closed;
    private readonly SqliteHealthProbe _probe;
    private readonly SqliteRawStatement _savepoint;
    private readonly SqliteRawStatement _release;
    private readonly SqliteRawStatement _rollbackToSavepoint;
    private readonly Channel<PendingSqliteWrite> _pending = Channel.CreateUnbounded<PendingSqliteWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _commitLoop;
    private readonly SqliteFileWatch _file;
    private readonly SqliteWalKeeper _wal;
    private readonly DatabaseFileFlush _databaseFile;
    private readonly SqliteWriteFaults _faults = new();
    private readonly bool _leftoverWal;

    public SqliteWriter(string connectionString, ILogger? logger = null)
    {
        ConnectionString = SqliteConnectionStrings.OpeningOnly(connectionString);
        var databasePath = SqliteFileWatch.PathOf(connectionString);
        _file = new SqliteFileWatch(databasePath);
        _leftoverWal = LeftoverWal.Beside(databasePath) is not null;
        try
        {
            _connection = SqliteConnections.Open(connectionString, keepWalOnClose: _leftoverWal,
                cacheKibibytes: SqliteConnections.WriterCacheKibibytes);
            if (_leftoverWal)
            {
                LeftoverWal.Check(_connection);
                SqliteConnections.KeepWalOnClose(_connection, false);
            }
            SqliteSchemaVersion.Claim(_connection, databasePath);
            _probe = new SqliteHealthProbe(_connection);
            // A file that opens but cannot be written would give every texter the fallback: refuse to start instead.
            using (var transaction = _connection.BeginTransaction())
            {
                _probe.Write(transaction);
                transaction.Commit();
            }
        }
        catch (SqliteException ex)
        {
            _connection?.Dispose();
            throw SqliteOpenFailure.CannotUse(databasePath, ex, _leftoverWal);
        }
        catch (StorageUnavailableException)
        {
            _connection?.Dispose();
            throw;
        }
        // Checkpoints copy the WAL into the database file and wait on an fsync. Left automatic, one lands inside a
        // commit now and then and every text in that batch waits for it; here they run beside the writer instead.
        SqliteConnections.Execute(_connection, "PRAGMA wal_autocheckpoint=0");
        // Prepared once: SqliteTransaction.Save and Release build a command each time, and every scheduled deletion
        // and usage count is an isolated write.
        _savepoint = new SqliteRawStatement(_connection, "SAVEPOINT isolated");
        _release = new SqliteRawStatement(_connection, "RELEASE isolated");
        _rollbackToSavepoint = new SqliteRawStatement(_connection, "ROLLBACK TO isolated");
        _databaseFile = new DatabaseFileFlush(databasePath);
        _wal = new SqliteWalKeeper(_connection, ConnectionString, databasePath is null ? null : databasePath + "-wal", _file, _databaseFile,
            () => _ = WriteAsync(new SqliteProbeWrite(_probe)), logger);
        // An unclean stop can come between a deletion's commit (FORGET, a retention sweep) and the emptying of the WAL
        // it asked for: the WAL's stale frames would keep what it deleted, after its answer, until new writes reached them.
        if (_leftoverWal) _wal.ScrubWalAtOpen();
        _commitLoop = Task.Run(CommitLoopAsync);
    }

    /// <summary>
    /// For the file's other connections (readers, the checkpointer): they open the file the writer opened, and never
    /// make one (<see cref="SqliteConnectionStrings.OpeningOnly"/>).
    /// </summary>
    public string ConnectionString { get; }

    /// <summary>
    /// What happened to the files the writer has open, when they are no longer the ones at their path (deleted, moved or
    /// replaced): what it writes from then on is lost at the next start. Null while they are where they were opened.
    /// </summary>
    public SqliteFileProblem? FileProblem => _file.Problem(_wal.WalWritten);

    /// <summary>How many times the checkpointer has flushed the database file to disk.</summary>
    internal long DatabaseFlushes => _databaseFile.Flushes;

    /// <inheritdoc cref="SqliteWalKeeper.CheckpointPasses"/>
    internal long CheckpointPasses => _wal.CheckpointPasses;

    /// <inheritdoc cref="SqliteWalKeeper.Restarts"/>
    internal long WalRestarts => _wal.Restarts;

    /// <inheritdoc cref="SqliteWalKeeper.Flushing"/>
    internal Action<long>? FlushingAfterCheckpoint
    {
        get => _wal.Flushing;
        set => _wal.Flushing = value;
    }

    /// <summary>
    /// Runs set-up on the writer's connection (tables, prepared statements) between two batches. For start-up: each
    /// user of the file prepares what it writes with before its first write.
    /// </summary>
    public T Prepare<T>(Func<SqliteConnection, T> setUp)
    {
        lock (_connection)
        {
            if (_closed) throw new StorageUnavailableException("the SQLite writer has stopped");
            try
            {
                return setUp(_connection);
            }
            // Reading what it needs at start (the session log) is where damage the checks at open missed shows.
            catch (SqliteException ex) when (ex.SqliteErrorCode is raw.SQLITE_CORRUPT or raw.SQLITE_NOTADB)
            {
                throw SqliteOpenFailure.CannotUse(SqliteFileWatch.PathOf(ConnectionString), ex, _leftoverWal);
            }
        }
    }

    /// <summary>
    /// Disposes what a user prepared on the writer's connection (see <see cref="Prepare{T}"/>), between two batches.
    /// A command's disposal takes it off the connection's list of commands; beside a commit that creates a command,
    /// that list can lose an entry, and closing the connection then throws.
    /// </summary>
    public void Release(params ReadOnlySpan<IDisposable> prepared)
    {
        Releasing?.Invoke();
        lock (_connection)
        {
            foreach (var item in prepared) item.Dispose();
        }
    }

    /// <summary>
    /// For tests: runs on the writer's thread with each batch it took from its queue, once it holds the file's write
    /// lock and before it takes the batch's changes. A test that holds the writer here has a batch's callers give up
    /// just before the lock came free, as when another connection held it (a backup, a sqlite3 shell). Null on the
    /// line: one check a batch.
    /// </summary>
    internal Action<IReadOnlyList<ISqliteWrite>>? HoldingTheLock { get; set; }

    /// <summary>
    /// For tests: runs on the writer's thread with each batch once its changes are taken, before its commit, so that a
    /// test can move a fake clock between what a write read of it when applied and what it reads once committed. Null on
    /// the line: one check a batch.
    /// </summary>
    internal Action<IReadOnlyList<ISqliteWrite>>? Applied { get; set; }

    /// <summary>
    /// For tests: runs on the releasing thread as <see cref="Release"/> begins, before it waits for the writer's lock,
    /// so that a test can see that thread wait there. Null on the line.
    /// </summary>
    internal Action? Releasing { get; set; }

    /// <summary>
    /// For tests: runs on the closing thread as <see cref="DisposeAsync"/> comes to close the connection, before it
    /// waits for the lock <see cref="Prepare{T}"/> takes, so that a test can see that thread wait there. Null on the line.
    /// </summary>
    internal Action? Closing { get; set; }

    /// <inheritdoc cref="SqliteWalKeeper.ScrubWal"/>
    public void ScrubWal() => _wal.ScrubWal();

    /// <summary>Queues the write for the next commit; completes once committed, with the write's result.</summary>
    public Task<int> WriteAsync(ISqliteWrite write, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<int>(cancellationToken);
        var pending = new PendingSqliteWrite(write, cancellationToken);
        if (!_pending.Writer.TryWrite(pending)) pending.Fail(new ObjectDisposedException(nameof(SqliteWriter)));
        return pending.Task;
    }

    /// <summary>
    /// Throws unless a write reaches the file as a session save would: the writer runs, the file is still the one at
    /// its path, and the health row can be rewritten through the writer now. After a write failed for want of room or
    /// with an I/O error, the probe also needs room (<see cref="SqliteRoomProbeWrite"/>), so that /healthz sees the line
    /// come back once space is freed, even before the next text.
    /// </summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        if (_commitLoop.IsCompleted) throw new StorageUnavailableException("the SQLite writer has stopped");
        if (FileProblem is { } moved) throw new StorageUnavailableException(moved.What);
        await WriteAsync(_faults.Problem is null ? new SqliteProbeWrite(_probe) : new SqliteRoomProbeWrite(_probe, _wal.PageSize), cancellationToken);
        if (_faults.Problem is { } failing) throw new StorageUnavailableException(failing);
    }

    private async Task CommitLoopAsync()
    {
        var batch = new List<PendingSqliteWrite>(MaxBatch);
        var alone = new List<PendingSqliteWrite>();
        var one = new List<PendingSqliteWrite>(1);
        var results = new int[MaxBatch];
        while (await _pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            alone.Clear();
            TakeWaiting(batch, alone);
            if (batch.Count == 0 && alone.Count == 0) continue;
            // A commit costs about as much for two writes as for twenty (BEGIN, COMMIT, SQLite's file locks, whole WAL
            // pages). Under load, the threads about to queue a write get one turn first; on an idle line the yield
            // returns at once. Measured: about 7% more texts a second on 2 cores (bench/README.md).
            if (batch.Count < GatherBelow)
            {
                Thread.Yield();
                TakeWaiting(batch, alone);
            }
            lock (_connection)
            {
                if (batch.Count > 0) Commit(batch, results);
                foreach (var pending in alone)
                {
                    one.Clear();
                    one.Add(pending);
                    Commit(one, results);
                }
            }
        }
    }

    private void TakeWaiting(List<PendingSqliteWrite> batch, List<PendingSqliteWrite> alone)
    {
        while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var pending))
        {
            if (!pending.Task.IsCompleted) (pending.Write.Alone ? alone : batch).Add(pending);
        }
    }

    private void Commit(List<PendingSqliteWrite> batch, int[] results)
    {
        _wal.EmptyWalAfterFullDisk();
        try
        {
            // BEGIN IMMEDIATE: the file's write lock is held from here, so a change taken below is committed at once.
            using var transaction = _connection.BeginTransaction();
            HoldingTheLock?.Invoke(batch.ConvertAll(pending => pending.Write));
            for (var i = 0; i < batch.Count; i++)
            {
                if (batch[i].TryTake()) results[i] = Apply(batch[i], transaction, aloneInTransaction: batch.Count == 1);
            }
            Applied?.Invoke(batch.ConvertAll(pending => pending.Write));
            transaction.Commit();
        }
        catch (Exception ex)
        {
            Failed(ex);
            foreach (var pending in batch)
            {
                RolledBack(pending.Write);
                pending.Fail(ex);
            }
            return;
        }
        _wal.Committed();
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            if (!pending.Taken) continue; // withdrawn while the writer waited for the lock: nothing of it was applied
            if (pending.Failure is { } failure)
            {
                Failed(failure);
                RolledBack(pending.Write);
                pending.Fail(failure);
                continue;
            }
            if (pending.Write.ShowsRoom) _faults.DataCommitted();
            try
            {
                pending.Write.Committed(results[i]);
                pending.Succeed(results[i]);
            }
            catch (Exception ex)
            {
                pending.Fail(ex);
            }
        }
        _wal.KeepWalBounded();
    }

    private void Failed(Exception failure)
    {
        _faults.Failed(failure);
        _wal.WriteFailed(failure);
    }

    private static void RolledBack(ISqliteWrite write)
    {
        try
        {
            write.RolledBack();
        }
        catch (Exception)
        {
            // A write's own bookkeeping must not stop the others from hearing of the failure.
        }
    }

    private int Apply(PendingSqliteWrite pending, SqliteTransaction transaction, bool aloneInTransaction)
    {
        // Alone, a write's failure rolls back the transaction, which holds nothing else: the savepoint would only make
        // SQLite copy every page it changes into its in-memory sub-journal first (bench/README.md, "What changed", 2026-12-07 07:52 UTC).
        if (!pending.Write.Isolated || aloneInTransaction) return pending.Write.Apply(_connection, transaction);
        _savepoint.Execute();
        try
        {
            var result = pending.Write.Apply(_connection, transaction);
            _release.Execute();
            return result;
        }
        catch (Exception ex) when (ex is not SqliteException { SqliteErrorCode: raw.SQLITE_BUSY or raw.SQLITE_LOCKED })
        {
            // A full disk or an I/O error in a statement that keeps no statement journal (a one-row insert) makes SQLite
            // roll back the whole transaction, savepoint and all: the batch has failed, with this write's own error (it
            // failed with "no such savepoint", which hid the full disk from the health check and the WAL's emptying).
            if (raw.sqlite3_get_autocommit(_connection.Handle) != 0) throw;
            _rollbackToSavepoint.Execute();
            _release.Execute();
            pending.Failure = ex;
            return 0;
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_pending.Writer.TryComplete()) await _commitLoop;
        await _wal.StopAsync();
        // Under the lock Prepare takes: a store first built while the line shuts down must not add a command to the
        // connection's list as it is closed (seen once in CI: the close threw ArgumentOutOfRangeException).
        Closing?.Invoke();
        lock (_connection)
        {
            _closed = true;
            _probe.Dispose();
            _savepoint.Dispose();
            _release.Dispose();
            _rollbackToSavepoint.Dispose();
            _connection.Dispose();
        }
        _databaseFile.Dispose();
    }
}
