using Microsoft.Data.Sqlite;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Scheduling;

/// <summary>
/// The append-only log of answered texts to delete at the provider, on a temporary SQLite file through a shared
/// writer as the line has it: taken oldest first and only when due, held while a worker has it, durable, and handed
/// to the scheduled work when it fails.
/// </summary>
public sealed class SqliteWorkLogTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private const string Kind = WorkKinds.Delete;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-worklog-{Guid.NewGuid():N}.db");
    private readonly List<IAsyncDisposable> _opened = [];
    private SqliteWorkLog _log;
    private SqliteScheduledWork _work;

    public SqliteWorkLogTests() => (_log, _work) = Open();

    [Fact]
    public async Task Items_are_taken_oldest_first_only_once_due_and_at_most_max()
    {
        await _log.AppendAsync("SM0001", Now);
        await _log.AppendAsync("SM0002", Now.AddSeconds(1));
        await _log.AppendAsync("SM0003", Now.AddSeconds(2));
        await _log.AppendAsync("SM0004", Now.AddMinutes(5));

        Assert.Empty(await _log.TakeDueAsync(Now.AddMilliseconds(-1), 10, Lease));
        Assert.Equal(["SM0001", "SM0002"], Ids(await _log.TakeDueAsync(Now.AddSeconds(10), 2, Lease)));
        Assert.Equal(["SM0003"], Ids(await _log.TakeDueAsync(Now.AddSeconds(10), 10, Lease)));
        Assert.Equal(4, await _log.CountAsync());
    }

    [Fact]
    public async Task A_held_item_is_not_taken_again_until_its_lease_ends()
    {
        await _log.AppendAsync("SM0001", Now);
        Assert.Single(await _log.TakeDueAsync(Now, 10, Lease));

        Assert.Empty(await _log.TakeDueAsync(Now + Lease - TimeSpan.FromSeconds(1), 10, Lease));
        // Its worker died: it was neither completed nor rescheduled.
        Assert.Equal(["SM0001"], Ids(await _log.TakeDueAsync(Now + Lease, 10, Lease)));
    }

    [Fact]
    public async Task A_completed_item_is_gone_and_the_next_ones_come_up()
    {
        await _log.AppendAsync("SM0001", Now);
        await _log.AppendAsync("SM0002", Now);
        var first = (await _log.TakeDueAsync(Now, 1, Lease)).Single();

        await _log.CompleteAsync(first);

        Assert.Equal(1, await _log.CountAsync());
        Assert.Equal(["SM0002"], Ids(await _log.TakeDueAsync(Now + Lease * 2, 10, Lease)));
    }

    [Fact]
    public async Task A_failed_item_moves_to_the_scheduled_work_with_one_attempt_and_its_first_due_time()
    {
        await _log.AppendAsync("SM0001", Now);
        var taken = (await _log.TakeDueAsync(Now.AddMinutes(1), 10, Lease)).Single();

        await _log.RescheduleAsync(taken, Now.AddMinutes(3));

        Assert.Equal(0, await _log.CountAsync());
        var scheduled = await _work.GetAsync(Kind, "SM0001");
        Assert.NotNull(scheduled);
        Assert.Equal(Now.AddMinutes(3), scheduled.DueAt);
        Assert.Equal(1, scheduled.Attempts);
        Assert.Equal(Now, scheduled.FirstDueAt);
        Assert.False(scheduled.Leased);
        Assert.Empty(await _log.TakeDueAsync(Now.AddHours(1), 10, Lease));
    }

    [Fact]
    public async Task What_was_appended_is_there_after_a_restart_held_or_not()
    {
        await _log.AppendAsync("SM0001", Now);
        await _log.AppendAsync("SM0002", Now);
        Assert.Single(await _log.TakeDueAsync(Now, 1, Lease));

        (_log, _work) = Open();

        Assert.Equal(["SM0001", "SM0002"], Ids(await _log.TakeDueAsync(Now, 10, Lease)));
    }

    [Fact]
    public async Task The_log_has_no_index_but_its_order_so_each_append_goes_at_the_end_of_the_file()
    {
        await _log.AppendAsync("SM0001", Now);

        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'work_log'";
        Assert.Equal(0L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task On_other_stores_the_log_is_the_scheduled_work_itself()
    {
        var work = new InMemoryScheduledWork();
        var log = new ScheduledWorkLog(work, Kind);
        await log.AppendAsync("SM0001", Now);

        var taken = (await log.TakeDueAsync(Now, 10, Lease)).Single();
        Assert.True((await work.GetAsync(Kind, "SM0001"))!.Leased);
        await log.RescheduleAsync(taken, Now.AddMinutes(1));
        Assert.Equal(1, (await work.GetAsync(Kind, "SM0001"))!.Attempts);
        await log.CompleteAsync((await log.TakeDueAsync(Now.AddMinutes(1), 10, Lease)).Single());

        Assert.Null(await work.GetAsync(Kind, "SM0001"));
        Assert.Equal(0, await log.CountAsync());
    }

    private static string[] Ids(IReadOnlyList<LoggedWork> taken) => [.. taken.Select(item => item.Item.Id)];

    private (SqliteWorkLog, SqliteScheduledWork) Open()
    {
        var writer = new SqliteWriter($"Data Source={_path}");
        var log = new SqliteWorkLog(writer, Kind);
        var work = new SqliteScheduledWork(writer);
        _opened.AddRange([log, work, writer]);
        return (log, work);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var opened in _opened) await opened.DisposeAsync();
        SqliteFiles.Delete(_path);
    }
}
