using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Scheduling;

/// <summary>
/// A <see cref="IWorkLog"/> in the line's SQLite file, table work_log, through the shared <see cref="SqliteWriter"/>:
/// an append joins the commit of the session change it goes with, at the end of the table. A single instance owns
/// the file, so what a take holds is held in memory; after a crash every row left is simply taken again. An item
/// that fails moves to scheduled_work in one savepoint, its first due time kept for the work's give-up rule.
/// </summary>
public sealed class SqliteWorkLog : IWorkLog, IAsyncDisposable, IDisposable
{
    private readonly SqliteWriter _writer;
    private readonly bool _ownsWriter;
    private readonly (SqliteWorkLogRows Log, SqliteScheduledWorkRows Scheduled) _written;
    private readonly SqliteReader<SqliteWorkLogRows> _read;
    private readonly Lock _heldLock = new();
    // Position → when its hold ends (Unix ms, by the callers' clock).
    private readonly Dictionary<long, long> _held = [];

    public SqliteWorkLog(SqliteWriter writer, string kind) : this(writer, kind, ownsWriter: false)
    {
    }

    /// <summary>A log with a writer of its own, for a file nothing else writes to (tests).</summary>
    public SqliteWorkLog(string connectionString, string kind) : this(new SqliteWriter(connectionString), kind, ownsWriter: true)
    {
    }

    private SqliteWorkLog(SqliteWriter writer, string kind, bool ownsWriter)
    {
        ScheduledWorkArguments.Check(kind);
        Kind = kind;
        _writer = writer;
        _ownsWriter = ownsWriter;
        _written = writer.Prepare(connection =>
        {
            SqliteConnections.Execute(connection, SqliteWorkLogRows.CreateTable);
            SqliteConnections.Execute(connection, SqliteScheduledWorkRows.CreateTable);
            return (new SqliteWorkLogRows(connection), new SqliteScheduledWorkRows(connection));
        });
        _read = new SqliteReader<SqliteWorkLogRows>(writer.ConnectionString, connection => new SqliteWorkLogRows(connection));
    }

    public string Kind { get; }

    public Task AppendAsync(string id, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(Kind, id);
        return _writer.WriteAsync(new Append(_written.Log, Kind, id, dueAt.ToUnixTimeMilliseconds()), cancellationToken);
    }

    public async Task<IReadOnlyList<LoggedWork>> TakeDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.CheckClaim(Kind, max, lease);
        var nowMs = now.ToUnixTimeMilliseconds();
        int heldCount;
        lock (_heldLock)
        {
            foreach (var ended in _held.Where(hold => hold.Value <= nowMs).Select(hold => hold.Key).ToList()) _held.Remove(ended);
            heldCount = _held.Count;
        }
        var oldest = await _read.ReadAsync(rows => rows.Oldest(Kind, max + heldCount), cancellationToken);
        var taken = new List<LoggedWork>();
        lock (_heldLock)
        {
            foreach (var row in oldest)
            {
                if (row.DueAt > nowMs || taken.Count == max) break;
                if (!_held.TryAdd(row.Seq, (now + lease).ToUnixTimeMilliseconds())) continue;
                var dueAt = DateTimeOffset.FromUnixTimeMilliseconds(row.DueAt);
                taken.Add(new LoggedWork(new ScheduledItem(row.Id, dueAt, Attempts: 0, FirstDueAt: dueAt, Payload: null, Leased: false), row.Seq));
            }
        }
        return taken;
    }

    public async Task CompleteAsync(LoggedWork item, CancellationToken cancellationToken = default)
    {
        await _writer.WriteAsync(new Delete(_written.Log, item.Position), cancellationToken);
        Release(item);
    }

    public async Task RescheduleAsync(LoggedWork item, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        await _writer.WriteAsync(new MoveToScheduled(_written, Kind, item, dueAt.ToUnixTimeMilliseconds()), cancellationToken);
        Release(item);
    }

    public Task<long> CountAsync(CancellationToken cancellationToken = default) => _read.ReadAsync(rows => rows.Count(Kind), cancellationToken);

    private void Release(LoggedWork item)
    {
        lock (_heldLock) _held.Remove(item.Position);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        _writer.Release(_written.Log, _written.Scheduled);
        if (_ownsWriter) await _writer.DisposeAsync();
        _read.Dispose();
    }

    // Not isolated: an insert into a table with no constraint fails only with the file, and then the whole batch does.
    // No savepoint saves two statements on every text.
    private sealed record Append(SqliteWorkLogRows Rows, string Kind, string Id, long DueAt) : ISqliteWrite
    {
        public bool ShowsRoom => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            Rows.Append(Kind, Id, DueAt);
            return 1;
        }
    }

    private sealed record Delete(SqliteWorkLogRows Rows, long Seq) : ISqliteWrite
    {
        public bool Isolated => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction) => Rows.Delete(Seq) ? 1 : 0;
    }

    private sealed record MoveToScheduled((SqliteWorkLogRows Log, SqliteScheduledWorkRows Scheduled) Rows, string Kind, LoggedWork Item, long DueAt)
        : ISqliteWrite
    {
        public bool Isolated => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            // Queued at its first due time (kept as first_due_at), then rescheduled: one attempt, due at DueAt.
            Rows.Scheduled.Schedule(Kind, Item.Item.Id, Item.Item.FirstDueAt.ToUnixTimeMilliseconds(), payload: null);
            Rows.Scheduled.Reschedule(Kind, Item.Item.Id, DueAt, transaction);
            Rows.Log.Delete(Item.Position);
            return 1;
        }
    }
}
