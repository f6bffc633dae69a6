using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// What the writer knows of the session log, and the log's operations: a session change is appended (a small row
/// at the end of session_log) in the reply's own commit, and folded into the sessions table later, off the reply
/// path, once per sender however many changes it made meanwhile.
/// <para>
/// The writer's thread only (inside <see cref="ISqliteWrite.Apply"/> and <see cref="ISqliteWrite.Committed"/>). It
/// includes changes of the batch not committed yet, so that a version check sees an earlier change of the same
/// batch; each operation runs its SQL first and changes this state only once the SQL succeeded, and a rolled-back
/// batch marks it stale, to be read again from the file (<see cref="Replay"/>) before its next use.
/// </para>
/// </summary>
/// <param name="maxSenders">How many senders it may hold unfolded (the backlog's bound): its map grows to it in two steps (<see cref="GrowInTwoSteps"/>).</param>
internal sealed class SqliteSessionLog(SqliteSessionRows table, SqliteSessionLogRows log, int maxSenders = 0)
{
    private readonly Dictionary<PackedSenderKey, Sender> _unfolded = [];
    private readonly UnfoldedRows _rows = new();
    private long _nextSeq = 1;
    private bool _stale = true;
    private long _backlog;
    private long _oldestAppendedAt = long.MaxValue;

    /// <summary>Rows not folded yet. Safe to read from any thread.</summary>
    public long Backlog => Volatile.Read(ref _backlog);

    /// <summary>When the oldest unfolded row was appended (the store's clock), or long.MaxValue with none. Any thread.</summary>
    public long OldestAppendedAt => Volatile.Read(ref _oldestAppendedAt);

    /// <summary>Whether a fold with this cutoff would take a row now. Any thread.</summary>
    public bool HasRowsDue(FoldCutoff cutoff)
    {
        var waiting = Backlog;
        return waiting > 0 && cutoff.Takes(OldestAppendedAt, waiting);
    }

    /// <summary>
    /// Reads the log from the file again: at start, and after a rolled-back batch. Returns each sender's newest
    /// session in the log, which is newer than its row in sessions. Rows read here count as due for folding.
    /// </summary>
    public Dictionary<PackedSenderKey, Session> Replay()
    {
        _unfolded.Clear();
        _rows.Clear();
        var newest = new Dictionary<PackedSenderKey, Session>();
        foreach (var row in log.ReadAll())
        {
            var key = PackedSenderKey.Of(row.SenderKey);
            Remember(row.Seq, key, row.Session, appendedAt: 0);
            newest[key] = row.Session;
            _nextSeq = Math.Max(_nextSeq, row.Seq + 1);
        }
        Counted();
        _stale = false;
        return newest;
    }

    public void MarkStale() => _stale = true;

    /// <summary>
    /// Appends the session if the sender's current version (its newest log row, else its table row) is the one the
    /// session was loaded at (0: no session yet), as appended at <paramref name="appendedAt"/> (the store's clock).
    /// Returns what is stored, at the next version; null on a conflict.
    /// </summary>
    public Session? TryAppend(string senderKey, Session session, long appendedAt)
    {
        ReplayIfStale();
        var key = PackedSenderKey.Of(senderKey);
        var current = _unfolded.TryGetValue(key, out var sender) ? sender.LatestVersion : table.VersionOf(senderKey);
        if (current != (session.Version == 0 ? null : session.Version)) return null;
        var stored = session with { Version = session.Version + 1 };
        var seq = _nextSeq;
        log.Append(seq, senderKey, stored);
        _nextSeq++;
        Remember(seq, key, stored, appendedAt);
        return stored;
    }

    /// <summary>Deletes the sender's log rows and table row.</summary>
    public void Forget(string senderKey)
    {
        ReplayIfStale();
        var key = PackedSenderKey.Of(senderKey);
        if (_unfolded.TryGetValue(key, out var sender)) log.DeleteSenderFrom(senderKey, sender.FirstSeq);
        _unfolded.Remove(key);
        // Its rows stay queued: a fold passes over a row whose sender has no newer one in memory.
        table.Delete(senderKey);
    }

    /// <summary>
    /// Folds up to <paramref name="maxRows"/> of the oldest rows, those the cutoff says are due. Each folded sender's
    /// newest row is written to sessions; every folded row leaves the log. Returns the senders folded, and whether the
    /// fold stopped at <paramref name="maxRows"/> (<paramref name="full"/>), so that rows it could have taken may be left.
    /// </summary>
    public List<FoldedSession> Fold(int maxRows, FoldCutoff cutoff, out bool full)
    {
        ReplayIfStale();
        var folded = new List<FoldedSession>();
        var taken = 0;
        full = false;
        long last = 0;
        for (var i = 0; i < _rows.Count; i++)
        {
            ref readonly var row = ref _rows[i];
            if (!cutoff.Takes(row.AppendedAt, _rows.Count - taken)) break;
            if (taken == maxRows)
            {
                full = true;
                break;
            }
            taken++;
            last = row.Seq;
            if (_unfolded.TryGetValue(row.SenderKey, out var sender) && sender.LatestSeq == row.Seq)
            {
                CopyLatestToTable(sender);
                folded.Add(new FoldedSession(row.SenderKey, sender.LatestVersion));
            }
        }
        if (taken == 0) return folded;
        log.DeleteThrough(last);
        // The SQL went through: now the state.
        for (var i = 0; i < taken; i++)
        {
            var row = _rows.Dequeue();
            ref var sender = ref CollectionsMarshal.GetValueRefOrNullRef(_unfolded, row.SenderKey);
            if (!Unsafe.IsNullRef(ref sender) && sender.FirstSeq <= row.Seq) sender.FirstSeq = row.Seq + 1;
        }
        foreach (var fold in folded) _unfolded.Remove(fold.SenderKey);
        Counted();
        return folded;
    }

    /// <summary>
    /// Before a retention sweep: folds, whatever their age, the senders whose newest change is older than the
    /// cutoff, so the sweep sees them in sessions. Returns the senders folded.
    /// </summary>
    public List<FoldedSession> FoldIdle(DateTimeOffset idleBefore)
    {
        ReplayIfStale();
        var idle = new List<FoldedSession>();
        foreach (var pair in _unfolded)
        {
            if (pair.Value.LatestActivity >= idleBefore) continue;
            CopyLatestToTable(pair.Value);
            log.DeleteSenderFrom(pair.Key.ToString(), pair.Value.FirstSeq);
            idle.Add(new FoldedSession(pair.Key, pair.Value.LatestVersion));
        }
        foreach (var fold in idle) _unfolded.Remove(fold.SenderKey);
        return idle;
    }

    private void ReplayIfStale()
    {
        if (_stale) Replay();
    }

    private void Remember(long seq, PackedSenderKey senderKey, Session session, long appendedAt)
    {
        ref var sender = ref CollectionsMarshal.GetValueRefOrAddDefault(_unfolded, senderKey, out var known);
        if (!known) sender.FirstSeq = seq;
        sender.LatestVersion = session.Version;
        sender.LatestActivity = session.LastActivity;
        sender.LatestSeq = seq;
        // Only once nothing is written through the reference: growing moves the entries.
        if (!known) GrowInTwoSteps.Added(_unfolded, maxSenders);
        _rows.Enqueue(new UnfoldedRow(seq, senderKey, appendedAt));
        Counted();
    }

    // From its log row, in this batch's transaction: the log in memory keeps no session, only where it is.
    private void CopyLatestToTable(Sender sender)
    {
        if (!log.CopyToSessions(sender.LatestSeq)) throw new InvalidOperationException("A session log row the log knows of is missing from the file.");
    }

    private void Counted()
    {
        Volatile.Write(ref _backlog, _rows.Count);
        Volatile.Write(ref _oldestAppendedAt, _rows.Count > 0 ? _rows[0].AppendedAt : long.MaxValue);
    }

    // A struct, kept in the dictionary's own entries: a sender adds no object that lives until its fold.
    private struct Sender
    {
        public long LatestVersion;
        public DateTimeOffset LatestActivity;
        public long LatestSeq;

        /// <summary>Its oldest row not folded yet: its rows are all at or after it.</summary>
        public long FirstSeq;
    }
}

/// <summary>A sender whose newest change, at this version, a fold wrote to the sessions table.</summary>
internal readonly record struct FoldedSession(PackedSenderKey SenderKey, long Version);
