using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Storage;

/// <summary>
/// Keeps the <see cref="SqliteWriter"/>'s WAL copied into the database, flushed to disk and bounded. Beside the writer,
/// a timer's checkpoints copy the WAL into the database and flush it; between two of the writer's batches, on the
/// writer's own connection, the WAL is restarted, truncated or emptied as they asked. Also logs, once, a file that
/// was moved or deleted under the line.
/// </summary>
internal sealed class SqliteWalKeeper
{
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
    // Within about a pass of the opt-out spool's worker: the operator hears of it while the line still runs.
    private static readonly TimeSpan FileCheckInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RoomCheckInterval = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection _writerConnection;
    private readonly SqliteConnection _checkpointer;
    private readonly Timer _checkpoints;
    private readonly SqliteFileWatch _file;
    private readonly DatabaseFileFlush _databaseFile;
    private readonly Action _askForBatch;
    private readonly string? _walPath;
    private readonly ILogger? _logger;
    private int _restartWanted;
    private int _scrubWanted;
    private int _emptyWalWanted;
    private int _shortOfRoom;
    private long _nextRoomCheck;
    private long _nextWalSizeCheck;
    private long _nextFileCheck;
    private long _commits;
    private long _commitsAtLastCheckpoint = -1;
    private int _checkpointing;
    private long _checkpointPasses;
    private long _restarts;
    private bool _fileProblemLogged;

    /// <param name="writerConnection">The writer's connection, used only between two of its batches, under its lock.</param>
    /// <param name="askForBatch">Queues a write that makes the writer run a batch (on an idle line, a scrub waits for one).</param>
    public SqliteWalKeeper(SqliteConnection writerConnection, string connectionString, string? walPath, SqliteFileWatch file,
        DatabaseFileFlush databaseFile, Action askForBatch, ILogger? logger)
    {
        _writerConnection = writerConnection;
        _walPath = walPath;
        _file = file;
        _databaseFile = databaseFile;
        _askForBatch = askForBatch;
        _logger = logger;
        _checkpointer = SqliteConnections.Open(connectionString);
        using (var pageSize = _checkpointer.CreateCommand())
        {
            pageSize.CommandText = "PRAGMA page_size";
            PageSize = Convert.ToInt64(pageSize.ExecuteScalar());
        }
        _checkpoints = new Timer(_ => Checkpoint(), null, CheckpointInterval, CheckpointInterval);
    }

    public long PageSize { get; }

    /// <summary>Whether the writer has committed anything since it opened the file.</summary>
    public bool WalWritten => Interlocked.Read(ref _commits) > 0;

    /// <summary>
    /// Asks for the WAL to be emptied between two batches (a TRUNCATE checkpoint), retried until it succeeds. For a
    /// deletion that promises to leave nothing (FORGET, the retention sweep): secure_delete overwrites deleted rows in
    /// the database file, but their older page images stay in the WAL's frames, even stale ones after a restart,
    /// until new writes happen to reach them.
    /// </summary>
    public void ScrubWal() => Volatile.Write(ref _scrubWanted, 1);

    /// <summary>
    /// The same at open, before the writer's first batch: nothing else checkpoints yet, so the WAL is emptied at once
    /// (the line answers from a file whose WAL holds no older copies); should that fail, the next batches retry it.
    /// </summary>
    public void ScrubWalAtOpen()
    {
        if (!TruncateWal()) ScrubWal();
    }

    public void Committed() => Interlocked.Increment(ref _commits);

    private bool TruncateWanted => Volatile.Read(ref _scrubWanted) == 1 || Volatile.Read(ref _emptyWalWanted) == 1;

    /// <summary>How many times the timer's checkpoint has run to its end, idle passes that found nothing to copy included.</summary>
    public long CheckpointPasses => Interlocked.Read(ref _checkpointPasses);

    /// <summary>How many times the writer has restarted the WAL at the checkpointer's request.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>
    /// For tests: runs on the checkpointer's thread after a passive checkpoint, with the frames it found in the WAL,
    /// just before the database file is flushed. Null on the line.
    /// </summary>
    internal Action<long>? Flushing { get; set; }

    /// <summary>A write failed; on a full disk, the WAL is emptied before the next batch and kept from growing.</summary>
    public void WriteFailed(Exception failure)
    {
        if (!DiskFull.Is(failure)) return;
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
    public void EmptyWalAfterFullDisk()
    {
        if (Volatile.Read(ref _emptyWalWanted) == 1 && TruncateWal()) Volatile.Write(ref _emptyWalWanted, 0);
    }

    /// <summary>Between two batches, on the writer's own connection: a restart the checkpointer asked for, or a truncation.</summary>
    public void KeepWalBounded()
    {
        try
        {
            // Still wanted while it runs, so that the timer's checkpoint stands aside meanwhile: cleared beforehand, a
            // tick could begin a passive checkpoint before the TRUNCATE took SQLite's checkpoint lock, and the TRUNCATE
            // lost. A scrub asked for while it runs is for a deletion committed before it (nothing commits meanwhile).
            if (Volatile.Read(ref _scrubWanted) == 1)
            {
                if (TruncateWal()) Volatile.Write(ref _scrubWanted, 0);
            }
            else if (PastHardLimit()) TruncateWal();
            else if (Interlocked.Exchange(ref _restartWanted, 0) == 1 || ShortOfRoom())
            {
                Interlocked.Increment(ref _restarts);
                SqliteConnections.Execute(_writerConnection, "PRAGMA wal_checkpoint(RESTART)");
            }
        }
        catch (Exception)
        {
            // Busy readers or a full disk: the checkpointer asks again; a failing disk shows in the next batch.
        }
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

    /// <summary>Copies the whole WAL into the database and cuts it to nothing; false when readers kept it from finishing.</summary>
    private bool TruncateWal()
    {
        try
        {
            using var command = _writerConnection.CreateCommand();
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
            // Its TRUNCATE copies the whole WAL itself, and fails while another checkpoint runs. A passive one here would
            // run just as the batch asked for above commits: the scrub failed tick after tick on a loaded machine (still
            // not done after 10 s in a CI run). So this tick leaves the WAL to it.
            if (TruncateWanted)
            {
                _askForBatch();
                return;
            }
            // Nothing committed since the last checkpoint: nothing to copy (an idle line costs no I/O).
            var commits = Interlocked.Read(ref _commits);
            if (commits == _commitsAtLastCheckpoint) return;
            _commitsAtLastCheckpoint = commits;
            var framesInWal = PassiveCheckpoint();
            Flushing?.Invoke(framesInWal);
            // The restart is asked for only once this flush is done: asked before it, the writer's restart ran beside
            // it, and the restart's own fsync waited for every page the checkpoint had just copied while no text could
            // commit (bench/README.md, "What changed", 2026-12-07 10:20 UTC).
            try
            {
                _databaseFile.Flush();
            }
            finally
            {
                if (framesInWal * (PageSize + WalFrameHeaderBytes) >= WalRestartThresholdBytes) Volatile.Write(ref _restartWanted, 1);
            }
        }
        catch (Exception)
        {
            // A missed checkpoint only lets the WAL grow until the next one; the writer is what reports faults.
        }
        finally
        {
            Interlocked.Increment(ref _checkpointPasses);
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

    /// <summary>Stops the checkpoints, waits for one under way, and closes the checkpointer's connection.</summary>
    public async Task StopAsync()
    {
        await _checkpoints.DisposeAsync();
        while (Volatile.Read(ref _checkpointing) == 1) await Task.Delay(1);
        _checkpointer.Dispose();
    }
}
