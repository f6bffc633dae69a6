using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Scheduling;

/// <summary>
/// Scheduled work in the line's SQLite file, table scheduled_work. Every change, a claim included (it selects the
/// due rows and moves their due times in one transaction), goes through the shared <see cref="SqliteWriter"/> in its
/// own savepoint, so a failing change never undoes the sessions committed with it; reads run on a connection of
/// their own. A single instance owns the file, so the lease matters only for a worker that gave up: what a stopped copy
/// held is due again at the next start (<see cref="EndLeasesOfAStoppedCopyAsync"/>).
/// With secure_delete on (<see cref="SqliteConnections"/>), a completed item is overwritten in the file.
/// </summary>
public sealed class SqliteScheduledWork : IScheduledWork, IAsyncDisposable, IDisposable
{
    private readonly SqliteWriter _writer;
    private readonly bool _ownsWriter;
    private readonly SqliteScheduledWorkRows _written;
    private readonly SqliteReader<SqliteScheduledWorkRows> _read;

    public SqliteScheduledWork(SqliteWriter writer) : this(writer, ownsWriter: false)
    {
    }

    /// <summary>A queue with a writer of its own, for a file nothing else writes to (tests).</summary>
    public SqliteScheduledWork(string connectionString) : this(new SqliteWriter(connectionString), ownsWriter: true)
    {
    }

    private SqliteScheduledWork(SqliteWriter writer, bool ownsWriter)
    {
        _writer = writer;
        _ownsWriter = ownsWriter;
        _written = writer.Prepare(connection =>
        {
            SqliteConnections.Execute(connection, SqliteScheduledWorkRows.CreateTable);
            return new SqliteScheduledWorkRows(connection);
        });
        _read = new SqliteReader<SqliteScheduledWorkRows>(writer.ConnectionString, connection => new SqliteScheduledWorkRows(connection));
    }

    public Task ScheduleAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload = null, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        // Copied, so that a caller reusing its buffer cannot change what is committed.
        return _writer.WriteAsync(new Schedule(_written, kind, id, dueAt.ToUnixTimeMilliseconds(), payload?.ToArray()), cancellationToken);
    }

    public async Task<IReadOnlyList<ScheduledItem>> ClaimDueAsync(string kind, DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.CheckClaim(kind, max, lease);
        var claim = new Claim(_written, kind, now.ToUnixTimeMilliseconds(), max, (now + lease).ToUnixTimeMilliseconds());
        await _writer.WriteAsync(claim, cancellationToken);
        return claim.Claimed;
    }

    public async Task<bool> CompleteAsync(string kind, string id, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        return await _writer.WriteAsync(new Delete(_written, kind, id), cancellationToken) == 1;
    }

    public async Task<bool> RescheduleAsync(string kind, string id, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        return await _writer.WriteAsync(new Reschedule(_written, kind, id, dueAt.ToUnixTimeMilliseconds()), cancellationToken) == 1;
    }

    public Task<ScheduledItem?> GetAsync(string kind, string id, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        return _read.ReadAsync(rows => rows.Get(kind, id), cancellationToken);
    }

    /// <summary>How many ids one read of <see cref="ListIdsAsync"/> lists.</summary>
    public const int ListPage = 500;

    public async IAsyncEnumerable<string> ListIdsAsync(string kind,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind);
        var after = "";
        while (true)
        {
            var page = await _read.ReadAsync(rows => rows.IdsAfter(kind, after, ListPage), cancellationToken);
            foreach (var id in page) yield return id;
            if (page.Count < ListPage) yield break;
            after = page[^1];
        }
    }

    public async Task<bool> TryReplacePayloadAsync(string kind, string id, byte[] expected, byte[] replacement,
        CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        var replace = new ReplacePayload(_written, kind, id, expected.ToArray(), replacement.ToArray());
        return await _writer.WriteAsync(replace, cancellationToken) == 1;
    }

    /// <summary>
    /// What a stopped copy of the line had claimed and not finished (a clean stop or kill -9 in the middle of a pass),
    /// due now instead of when its lease ends: its worker is gone, and the copy that holds the file
    /// (<see cref="SqliteSingleLine"/>) is the only one working on it. Each item stays marked leased, so a text is looked
    /// for at the provider before it is sent again, as after a lease that ran out. How many were brought forward.
    /// </summary>
    public Task<int> EndLeasesOfAStoppedCopyAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(new EndLeases(_written, now.ToUnixTimeMilliseconds()), cancellationToken);

    public Task<long> CountAsync(string kind, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind);
        return _read.ReadAsync(rows => rows.Count(kind), cancellationToken);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        _writer.Release(_written);
        if (_ownsWriter) await _writer.DisposeAsync();
        _read.Dispose();
    }

    private sealed record Schedule(SqliteScheduledWorkRows Rows, string Kind, string Id, long DueAt, byte[]? Payload) : ISqliteWrite
    {
        public bool Isolated => true;

        public bool ShowsRoom => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            Rows.Schedule(Kind, Id, DueAt, Payload);
            return 1;
        }
    }

    private sealed class Claim(SqliteScheduledWorkRows rows, string kind, long now, int max, long leasedUntil) : ISqliteWrite
    {
        public IReadOnlyList<ScheduledItem> Claimed { get; private set; } = [];

        public bool Isolated => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            Claimed = rows.Claim(kind, now, max, leasedUntil, transaction);
            return Claimed.Count;
        }
    }

    private sealed record Reschedule(SqliteScheduledWorkRows Rows, string Kind, string Id, long DueAt) : ISqliteWrite
    {
        public bool Isolated => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction) => Rows.Reschedule(Kind, Id, DueAt, transaction) ? 1 : 0;
    }

    private sealed record ReplacePayload(SqliteScheduledWorkRows Rows, string Kind, string Id, byte[] Expected, byte[] Replacement) : ISqliteWrite
    {
        public bool Isolated => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction) =>
            Rows.ReplacePayload(Kind, Id, Expected, Replacement, transaction) ? 1 : 0;
    }

    private sealed record EndLeases(SqliteScheduledWorkRows Rows, long Now) : ISqliteWrite
    {
        public bool Isolated => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction) => Rows.EndLeases(Now, transaction);
    }

    private sealed record Delete(SqliteScheduledWorkRows Rows, string Kind, string Id) : ISqliteWrite
    {
        public bool Isolated => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction) => Rows.Delete(Kind, Id, transaction) ? 1 : 0;
    }
}
