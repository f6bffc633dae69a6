using System.Text;
using Microsoft.Data.Sqlite;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Scheduling;

/// <summary>
/// The scheduled-work contract on SQLite, on a temporary file, through a shared writer as the line has it: the other
/// "instance" is a second queue over the same writer, which is how a second part of one process would write.
/// </summary>
public sealed class SqliteScheduledWorkContractTests : DurableScheduledWorkContract, IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-work-{Guid.NewGuid():N}.db");
    private readonly List<IAsyncDisposable> _opened = [];
    private SqliteScheduledWork _work;
    private SqliteScheduledWork _other;

    public SqliteScheduledWorkContractTests() => (_work, _other) = Open();

    protected override IScheduledWork Work => _work;

    protected override IScheduledWork OtherInstance => _other;

    protected override IScheduledWork Restart()
    {
        (_work, _other) = Open();
        return _work;
    }

    private (SqliteScheduledWork, SqliteScheduledWork) Open()
    {
        var writer = new SqliteWriter($"Data Source={_path}");
        var work = new SqliteScheduledWork(writer);
        var other = new SqliteScheduledWork(writer);
        _opened.AddRange([work, other, writer]);
        return (work, other);
    }

    [Fact]
    public async Task The_queue_shares_the_writer_with_the_sessions_in_one_file()
    {
        var writer = new SqliteWriter($"Data Source={_path}");
        _opened.Add(writer);
        await using var sessions = new SqliteSessionStore(writer);
        var work = new SqliteScheduledWork(writer);
        _opened.Add(work);

        await Task.WhenAll(
            sessions.SaveAsync("0123abcd", new Sessions.Session("main", "en", Now)),
            work.ScheduleAsync(Kind, "SM0001", Now));

        Assert.NotNull(await sessions.LoadAsync("0123abcd"));
        Assert.NotNull(await work.GetAsync(Kind, "SM0001"));
    }

    [Fact]
    public async Task A_completed_items_id_and_payload_are_overwritten_in_the_database_file()
    {
        var id = NewId();
        var payload = Encoding.ASCII.GetBytes($"payload-{Guid.NewGuid():N}");
        await Work.ScheduleAsync(Kind, id, Now, payload);
        await Work.ScheduleAsync(Kind, NewId(), Now);
        SqliteFiles.Checkpoint(_path);
        Assert.True(SqliteFiles.Contain(_path, Encoding.ASCII.GetBytes(id)), "the test must see the id before the item is completed");
        Assert.True(SqliteFiles.Contain(_path, payload), "the test must see the payload before the item is completed");

        await Work.CompleteAsync(Kind, id);
        SqliteFiles.Checkpoint(_path);

        Assert.False(SqliteFiles.Contain(_path, Encoding.ASCII.GetBytes(id)), "the completed item's id is still in the database files");
        Assert.False(SqliteFiles.Contain(_path, payload), "the completed item's payload is still in the database files");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var opened in _opened) await opened.DisposeAsync();
        SqliteFiles.Delete(_path);
    }
}
