using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// Sessions in the line's SQLite file, for a single instance of the line. A save appends the new session to the
/// session log in the shared <see cref="SqliteWriter"/>'s next commit (group commit: a save returns only once
/// committed); the log is folded into the sessions table off the reply path (<see cref="SqliteSessionLog"/>), so a
/// text writes a small row at the end of the file instead of rewriting a page at a random place. The version check
/// runs on the writer's thread against the newest change it knows (the log, else the table), never a cache.
/// <para>
/// Reads cost no SQL for a sender whose change is not folded yet (kept in memory until folded) or still cached (a
/// write-through cache of folded sessions). Sound only while this process is the file's only writer, which is what
/// the SQLite provider is for. A restart reads the log back, so every committed change is seen, folded or not.
/// </para>
/// </summary>
public sealed class SqliteSessionStore : ISessionStore, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// Folded sessions kept in the cache: 50,000, or fewer where the process may use little memory (one for every 16 KB
    /// the GC may use), so a flood of distinct senders in a small container cannot exhaust it. A cached session takes
    /// a few hundred bytes of native memory (<see cref="NativeSessionMap"/>) and an entry in its map.
    /// </summary>
    public static readonly int MaxCachedSessions = (int)Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 16 / 1024, 1_000, 50_000);

    // Past this, the maps of unfolded senders grow as they must: the backlog's bound may be unbounded (NeverFolds).
    private const int MaxUnfoldedSendersSized = 200_000;

    private readonly SqliteWriter _writer;
    private readonly bool _ownsWriter;
    private readonly SqliteSessionLogOptions _options;
    private readonly SqliteSessionRows _table;
    private readonly SqliteSessionLogRows _logRows;
    private readonly SqliteSessionLog _log;
    private readonly SqliteSessionRows _read;
    private readonly SemaphoreSlim _readerGate = new(1, 1);
    // Committed changes not folded yet: newer than the table, so read first. Bounded by the fold. Both views are in
    // native memory (NativeSessionMap): thousands of sessions, each replaced by its sender's next text, are what
    // made the garbage collector's pauses long.
    private readonly NativeSessionMap _unfolded;
    private readonly NativeSessionMap _cache = new(MaxCachedSessions + 1);
    private readonly ITimer _foldTimer;
    // The fold's clock: the timer's ticks and the rows' ages, from one source a test can set.
    private readonly TimeProvider _time;
    private readonly long _timestampsPerMillisecond;
    private long _cacheGeneration;
    private int _folding;
    private bool _closed;

    public SqliteSessionStore(SqliteWriter writer) : this(writer, ownsWriter: false, SqliteSessionLogOptions.Default, TimeProvider.System)
    {
    }

    /// <summary>A store with a writer of its own, for a file nothing else writes to (tests, the start-up warm-up).</summary>
    public SqliteSessionStore(string connectionString) : this(new SqliteWriter(connectionString), ownsWriter: true, SqliteSessionLogOptions.Default, TimeProvider.System)
    {
    }

    /// <summary>For tests: the fold's timing, and whether closing the store folds what is left.</summary>
    internal SqliteSessionStore(string connectionString, SqliteSessionLogOptions options) : this(new SqliteWriter(connectionString), ownsWriter: true, options, TimeProvider.System)
    {
    }

    /// <summary>
    /// For tests: a store on a shared writer, with the fold's timing, whether closing the store folds, and the clock
    /// the fold's timer and the rows' ages go by.
    /// </summary>
    internal SqliteSessionStore(SqliteWriter writer, SqliteSessionLogOptions options, TimeProvider? time = null)
        : this(writer, ownsWriter: false, options, time ?? TimeProvider.System)
    {
    }

    private SqliteSessionStore(SqliteWriter writer, bool ownsWriter, SqliteSessionLogOptions options, TimeProvider time)
    {
        _writer = writer;
        _time = time;
        _timestampsPerMillisecond = Math.Max(1, time.TimestampFrequency / 1000);
        _ownsWriter = ownsWriter;
        _options = options;
        // A sender unfolded has at least one row in the backlog.
        var maxUnfoldedSenders = (int)Math.Min(options.MaxBacklogRows, MaxUnfoldedSendersSized);
        _unfolded = new NativeSessionMap(maxUnfoldedSenders);
        (_table, _logRows, _log) = writer.Prepare(connection =>
        {
            var table = new SqliteSessionRows(connection);
            var logRows = new SqliteSessionLogRows(connection);
            var log = new SqliteSessionLog(table, logRows, maxUnfoldedSenders);
            foreach (var (key, session) in log.Replay()) _unfolded.Set(key, session);
            return (table, logRows, log);
        });
        _read = new SqliteSessionRows(SqliteConnections.Open(writer.ConnectionString));
        _foldTimer = time.CreateTimer(_ => FoldIfDue(), null, options.FoldInterval, options.FoldInterval);
    }

    /// <summary>Log rows not folded into the sessions table yet.</summary>
    public long UnfoldedRows => _log.Backlog;

    /// <summary>Senders whose newest change is held in memory until folded (for tests).</summary>
    internal int UnfoldedSenders => _unfolded.Count;

    public async Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default)
    {
        var key = PackedSenderKey.Of(senderKey);
        if (_unfolded.TryGet(key, out var unfolded)) return unfolded;
        if (_cache.TryGet(key, out var cached)) return cached;
        var generation = Interlocked.Read(ref _cacheGeneration);
        await _readerGate.WaitAsync(cancellationToken);
        Session? session;
        try
        {
            // A change committed while we waited is in memory, and newer than the table.
            if (_unfolded.TryGet(key, out unfolded)) return unfolded;
            session = _read.Load(senderKey);
        }
        finally
        {
            _readerGate.Release();
        }
        // A purge or eviction while we read may have made this stale: then leave the cache to the next read.
        if (Interlocked.Read(ref _cacheGeneration) == generation && _cache.TryAdd(key, session)) KeepCacheBounded();
        return session;
    }

    public async Task<bool> SaveAsync(string senderKey, Session session, DateTimeOffset? notAfter = null, CancellationToken cancellationToken = default) =>
        await _writer.WriteAsync(new Save(this, senderKey, session), cancellationToken) != 0;

    public Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(new Delete(this, senderKey), cancellationToken);

    /// <summary>
    /// How many idle sessions one write of the sweep deletes (and as many opt-outs it strips). The sweep takes them a
    /// batch at a time, each in its own commit, so texts are saved between two batches, and the WAL is emptied between
    /// them: in one transaction, the first sweep after a flood (600,000 senders idle at once) held the writer for about
    /// 10 seconds, every text meanwhile got the fallback, and the WAL grew to the size of the database (300 MB). In
    /// batches it takes longer (about a minute for those 600,000 on the 2-core test machine), beside the texts.
    /// </summary>
    public const int PurgeBatch = 1_000;

    public async Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var purge = new Purge(this, idleBefore);
            total += await _writer.WriteAsync(purge, cancellationToken);
            if (!purge.More) return total;
        }
    }

    public Task PingAsync(CancellationToken cancellationToken = default) => _writer.PingAsync(cancellationToken);

    public bool SavesAreLost => _writer.FileProblem is not null;

    /// <summary>
    /// Folds log rows into the sessions table now: with <paramref name="all"/>, every row; else those due by the
    /// options. Returns how many senders were written to the table.
    /// </summary>
    public async Task<int> FoldAsync(bool all = false, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var fold = new Fold(this, all);
            total += await _writer.WriteAsync(fold, cancellationToken);
            if (!fold.More) return total;
        }
    }

    // The timer queues one fold at a time beside the replies; a fold that leaves due rows queues the next at once.
    private void FoldIfDue()
    {
        if (Volatile.Read(ref _closed) || !FoldDue() || Interlocked.Exchange(ref _folding, 1) == 1) return;
        _ = FoldInBackgroundAsync();
    }

    private async Task FoldInBackgroundAsync()
    {
        try
        {
            while (!Volatile.Read(ref _closed))
            {
                var fold = new Fold(this, all: false);
                await _writer.WriteAsync(fold);
                if (!fold.More) break;
            }
        }
        catch (Exception)
        {
            // The log keeps every change until a fold succeeds; a failing disk shows in the writer's health probe.
        }
        finally
        {
            Volatile.Write(ref _folding, 0);
        }
    }

    private bool FoldDue() => _log.HasRowsDue(DueNow());

    private FoldCutoff DueNow() => new(NowInMilliseconds() - (long)_options.FoldAfter.TotalMilliseconds, _options.MaxBacklogRows);

    private long NowInMilliseconds() => _time.GetTimestamp() / _timestampsPerMillisecond;

    /// <summary>A fold started by the timer has not finished yet (for tests).</summary>
    internal bool FoldingInBackground => Volatile.Read(ref _folding) == 1;

    private void ForgetCache()
    {
        Interlocked.Increment(ref _cacheGeneration);
        _cache.Clear();
    }

    private void Cache(PackedSenderKey senderKey, Session? session)
    {
        if (_cache.Set(senderKey, session)) KeepCacheBounded();
    }

    private void Uncache(PackedSenderKey senderKey)
    {
        _cache.Remove(senderKey);
    }

    // Past the bound, the whole cache goes.
    private void KeepCacheBounded()
    {
        if (_cache.Count > MaxCachedSessions) ForgetCache();
    }

    private void Folded(List<FoldedSession> folded)
    {
        foreach (var fold in folded)
        {
            // Only if no newer change was committed since (the writer runs Committed in commit order).
            if (_unfolded.MoveIfAt(fold.SenderKey, fold.Version, _cache)) KeepCacheBounded();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, true)) return;
        await _foldTimer.DisposeAsync();
        if (_options.FoldOnClose)
        {
            try
            {
                // A clean stop leaves the log folded, so the next start has nothing to read back.
                await FoldAsync(all: true);
            }
            catch (Exception)
            {
                // Then the next start reads the log back.
            }
        }
        while (Volatile.Read(ref _folding) == 1) await Task.Delay(1);
        _writer.Release(_table, _logRows);
        if (_ownsWriter) await _writer.DisposeAsync();
        _read.Dispose();
        _read.Connection.Dispose();
        _readerGate.Dispose();
        _unfolded.Dispose();
        _cache.Dispose();
    }

    // The in-memory views are updated in Committed, which the writer runs in commit order: they never go back in time.

    internal sealed class Save(SqliteSessionStore store, string senderKey, Session session) : ISqliteWrite
    {
        private readonly PackedSenderKey _key = PackedSenderKey.Of(senderKey);
        private Session? _stored;

        public bool ShowsRoom => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            _stored = store._log.TryAppend(senderKey, session, store.NowInMilliseconds());
            return _stored is null ? 0 : 1;
        }

        public void Committed(int result)
        {
            if (_stored is null)
            {
                store.Uncache(_key); // lost a version check: the next read goes to the database
                return;
            }
            store._unfolded.Set(_key, _stored);
            store.Uncache(_key);
        }

        public void RolledBack() => store._log.MarkStale();
    }

    private sealed class Delete(SqliteSessionStore store, string senderKey) : ISqliteWrite
    {
        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            store._log.Forget(senderKey);
            return 1;
        }

        public void Committed(int result)
        {
            var key = PackedSenderKey.Of(senderKey);
            store._unfolded.Remove(key);
            store.Cache(key, null);
            store._writer.ScrubWal();
        }

        public void RolledBack() => store._log.MarkStale();
    }

    private sealed class Purge(SqliteSessionStore store, DateTimeOffset idleBefore) : ISqliteWrite
    {
        private List<FoldedSession> _folded = [];

        /// <summary>The batch took as many as it may: the sweep goes on with another (known once applied).</summary>
        public bool More { get; private set; }

        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            _folded = store._log.FoldIdle(idleBefore);
            var (changed, more) = store._table.PurgeIdle(idleBefore, PurgeBatch, transaction);
            More = more;
            return changed;
        }

        public void Committed(int result)
        {
            foreach (var fold in _folded) store._unfolded.Remove(fold.SenderKey);
            store.ForgetCache();
            // After each batch, not once at the end: the WAL then holds a batch or a few (5-14 MB), not the sweep (80 MB
            // for 600,000 sessions, past the 64 MB the writer keeps it under).
            if (result > 0) store._writer.ScrubWal();
        }

        public void RolledBack() => store._log.MarkStale();
    }

    /// <summary>In a transaction of its own: a fold that fails undoes only itself, and the log keeps its rows.</summary>
    private sealed class Fold(SqliteSessionStore store, bool all) : ISqliteWrite
    {
        private List<FoldedSession> _folded = [];
        private bool _full;

        public bool Isolated => true;

        public bool Alone => true;

        /// <summary>Rows were left due after this fold (known once committed).</summary>
        public bool More { get; private set; }

        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            _folded = store._log.Fold(store._options.RowsPerFold, all ? FoldCutoff.Everything : store.DueNow(), out _full);
            return _folded.Count;
        }

        public void Committed(int result)
        {
            store.Folded(_folded);
            // At once only after a full fold, which may have left rows due (a backlog to catch up). A fold that took every
            // due row leaves the rows coming due meanwhile to the timer: under a steady flow of texts a few come due every
            // millisecond, and folding again at once made a fold of each commit, most of them empty (10,321 of 14,958
            // commits in a bench run), each a commit of its own on the writer (bench/README.md).
            More = all ? store._log.Backlog > 0 : _full && store.FoldDue();
        }

        public void RolledBack() => store._log.MarkStale();
    }
}
