using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WestmontTextLine.Storage;

/// <summary>
/// The one writer of the line's SQLite file, shared by everything that writes there (sessions, usage counts, and
/// what later features add). Group commit: every change goes to one loop, which commits all the changes waiting at
/// that moment in one transaction; a change's task completes only after its transaction has committed, so a reply
/// never runs ahead of its state. A caller that gives up before the loop reaches its change withdraws it.
/// Beside the loop, a checkpointer copies the WAL into the database, flushes it to disk, and keeps the WAL bounded;
/// the writer also answers whether a write reaches the file now (for /healthz).
/// </summary>
public sealed class SqliteWriter : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 512;
    private const int GatherBelow = 64;
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

    private readonly SqliteConnection _connection;
    private bool _closed;
    private readonly SqliteConnection _checkpointer;
    private readonly SqliteHealthProbe _probe;
    private readonly SqliteRawStatement _savepoint;
    private readonly SqliteRawStatement _release;
    private readonly SqliteRawStatement _rollbackToSavepoint;
    private readonly Timer _checkpoints;
    private readonly Channel<PendingSqliteWrite> _pending = Channel.CreateUnbounded<PendingSqliteWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _commitLoop;
    private readonly SqliteFileWatch _file;
    private readonly DatabaseFileFlush _databaseFile;
    private readonly SqliteWriteFaults _faults = new();
    private readonly string? _walPath;
    private readonly bool _leftoverWal;
    private readonly long _pageSize;
    private readonly ILogger? _logger;
    private static readonly TimeSpan FileCheckInterval = TimeSpan.FromSeconds(5);
    private int _restartWanted;
    private int _scrubWanted;
    private int _emptyWalWanted;
    private int _shortOfRoom;
    private long _nextRoomCheck;
    private static readonly TimeSpan RoomCheckInterval = TimeSpan.FromSeconds(1);
    private long _nextWalSizeCheck;
    private long _nextFileCheck;
    private long _commits;
    private long _commitsAtLastCheckpoint = -1;
    private int _checkpointing;
    private bool _fileProblemLogged;

    public SqliteWriter(string connectionString, ILogger? logger = null)
    {
        ConnectionString = connectionString;
        _logger = logger;
        var databasePath = SqliteFileWatch.PathOf(connectionString);
        _file = new SqliteFileWatch(databasePath);
        _walPath = databasePath is null ? null : databasePath + "-wal";
        _leftoverWal = LeftoverWal.Beside(databasePath) is not null;
        try
        {
            _connection = SqliteConnections.Open(connectionString, keepWalOnClose: _leftoverWal);
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
        _checkpointer = SqliteConnections.Open(connectionString);
        using (var pageSize = _checkpointer.CreateCommand())
        {
            pageSize.CommandText = "PRAGMA page_size";
            _pageSize = Convert.ToInt64(pageSize.ExecuteScalar());
        }
        _databaseFile = new DatabaseFileFlush(databasePath);
        _checkpoints = new Timer(_ => Checkpoint(), null, CheckpointInterval, CheckpointInterval);
        _commitLoop = Task.Run(CommitLoopAsync);
    }

    public string ConnectionString { get; }

    /// <summary>How many times the checkpointer has flushed the database file to disk.</summary>
    internal long DatabaseFlushes => _databaseFile.Flushes;

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
        lock (_connection)
        {
            foreach (var item in prepared) item.Dispose();
        }
    }

    /// <summary>
    /// Asks for the WAL to be emptied between two batches (a TRUNCATE checkpoint), retried until it succeeds. For a
    /// deletion that promises to leave nothing (FORGET, the retention sweep): secure_delete overwrites deleted rows in
    /// the database file, but their older page images stay in the WAL's frames, even stale ones after a restart,
    /// until new writes happen to reach them.
    /// </summary>
    public void ScrubWal() => Volatile.Write(ref _scrubWanted, 1);

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
        if (_file.Problem(WalWritten) is { } moved) throw new StorageUnavailableException(moved.What);
        await WriteAsync(_faults.Problem is null ? new SqliteProbeWrite(_probe) : new SqliteRoomProbeWrite(_probe, _pageSize), cancellationToken);
        if (_faults.Problem is { } failing) throw new StorageUnavailableException(failing);
    }

    private async Task CommitLoopAsync()
    {
        var batch = new List<PendingSqliteWrite>(MaxBatch);
        var results = new int[MaxBatch];
        while (await _pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            TakeWaiting(batch);
            if (batch.Count == 0) continue;
            // A commit costs about as much for two writes as for twenty (BEGIN, COMMIT, SQLite's file locks, whole WAL
            // pages). Under load, the threads about to queue a write get one turn first; on an idle line the yield
            // returns at once. Measured: about 7% more texts a second on 2 cores (bench/README.md).
            if (batch.Count < GatherBelow)
            {
                Thread.Yield();
                TakeWaiting(batch);
            }
            lock (_connection) Commit(batch, results);
        }
    }

    private void TakeWaiting(List<PendingSqliteWrite> batch)
    {
        while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var pending))
        {
            if (!pending.Task.IsCompleted) batch.Add(pending);
        }
    }

    private void Commit(List<PendingSqliteWrite> batch, int[] results)
    {
        EmptyWalAfterFullDisk();
        try
        {
            using var transaction = _connection.BeginTransaction();
            for (var i = 0; i < batch.Count; i++) results[i] = Apply(batch[i], transaction);
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
        Interlocked.Increment(ref _commits);
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
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
        KeepWalBounded();
    }

    private void Failed(Exception failure)
    {
        _faults.Failed(failure);
        if (failure is not SqliteException { SqliteErrorCode: raw.SQLITE_FULL }) return;
        Volatile.Write(ref _emptyWalWanted, 1);
        Volatile.Write(ref _shortOfRoom, 1);
    }

    /// <summary>
    /// After a write failed for want of room, the space an operator frees must go to the database, not the WAL.
    /// Left alone, the next batches (the backlog of folds first) append to the WAL at its end, as passive checkpoints
    /// never catch up with a busy writer; the checkpoint that would reset it then finds no room to grow the database,
    /// and the line stayed full until about five times the database's size was free (measured on a 4 MB tmpfs). So
    /// the writer empties the WAL (a TRUNCATE checkpoint, which hands its blocks back) before its next batch, retried
    /// until it succeeds; and while the volume is short of room it restarts the WAL after every batch, so the WAL is
    /// rewritten in the blocks it has instead of growing.
    /// </summary>
    private void EmptyWalAfterFullDisk()
    {
        if (Volatile.Read(ref _emptyWalWanted) == 1 && TruncateWal()) Volatile.Write(ref _emptyWalWanted, 0);
    }

    /// <summary>Since a write failed for want of room, until the volume has room for a WAL at its bound again.</summary>
    private bool ShortOfRoom()
    {
        if (Volatile.Read(ref _shortOfRoom) == 0 || _walPath is null) return false;
        var now = Environment.TickCount64;
        if (now < _nextRoomCheck) return true;
        _nextRoomCheck = now + (long)RoomCheckInterval.TotalMilliseconds;
        if (FreeSpace.On(Path.GetDirectoryName(_walPath)!) is not { } free || free >= SqliteConnections.WalSizeLimitBytes) Volatile.Write(ref _shortOfRoom, 0);
        return Volatile.Read(ref _shortOfRoom) == 1;
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

    private int Apply(PendingSqliteWrite pending, SqliteTransaction transaction)
    {
        if (!pending.Write.Isolated) return pending.Write.Apply(_connection, transaction);
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

    /// <summary>Between two batches, on the writer's own connection: a restart the checkpointer asked for, or a truncation.</summary>
    private void KeepWalBounded()
    {
        try
        {
            if (Interlocked.Exchange(ref _scrubWanted, 0) == 1)
            {
                if (!TruncateWal()) Volatile.Write(ref _scrubWanted, 1);
            }
            else if (PastHardLimit()) TruncateWal();
            else if (Interlocked.Exchange(ref _restartWanted, 0) == 1 || ShortOfRoom()) SqliteConnections.Execute(_connection, "PRAGMA wal_checkpoint(RESTART)");
        }
        catch (Exception)
        {
            // Busy readers or a full disk: the checkpointer asks again; a failing disk shows in the next batch.
        }
    }

    /// <summary>Copies the whole WAL into the database and cuts it to nothing; false when readers kept it from finishing.</summary>
    private bool TruncateWal()
    {
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            command.CommandTimeout = SqliteConnections.CommandTimeoutSeconds;
            using var result = command.ExecuteReader();
            return result.Read() && result.GetInt64(0) == 0;
        }
        catch (SqliteException)
        {
            return false;
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

    private void Checkpoint()
    {
        if (Interlocked.Exchange(ref _checkpointing, 1) == 1) return;
        try
        {
            ReportFileProblemOnce();
            // A scrub, or emptying the WAL after a full disk, waits for the writer's next batch: on an idle line, make one.
            if (Volatile.Read(ref _scrubWanted) == 1 || Volatile.Read(ref _emptyWalWanted) == 1) _ = WriteAsync(new SqliteProbeWrite(_probe));
            // Nothing committed since the last checkpoint: nothing to copy (an idle line costs no I/O).
            var commits = Interlocked.Read(ref _commits);
            if (commits == _commitsAtLastCheckpoint) return;
            _commitsAtLastCheckpoint = commits;
            var framesInWal = PassiveCheckpoint();
            if (framesInWal * (_pageSize + WalFrameHeaderBytes) >= WalRestartThresholdBytes) Volatile.Write(ref _restartWanted, 1);
            _databaseFile.Flush();
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
        var now = Environment.TickCount64;
        if (now < _nextFileCheck || _fileProblemLogged) return;
        _nextFileCheck = now + (long)FileCheckInterval.TotalMilliseconds;
        var problem = _file.Problem(WalWritten);
        if (problem is null || _fileProblemLogged) return;
        _fileProblemLogged = true;
        _logger?.LogError("Storage: {Problem}. {WhatToDo}", problem.What, problem.WhatToDo);
    }

    private bool WalWritten => Interlocked.Read(ref _commits) > 0;

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_pending.Writer.TryComplete()) await _commitLoop;
        await _checkpoints.DisposeAsync();
        while (Volatile.Read(ref _checkpointing) == 1) await Task.Delay(1);
        _checkpointer.Dispose();
        // Under the lock Prepare takes: a store first built while the line shuts down must not add a command to the
        // connection's list as it is closed (seen once in CI: the close threw ArgumentOutOfRangeException).
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
