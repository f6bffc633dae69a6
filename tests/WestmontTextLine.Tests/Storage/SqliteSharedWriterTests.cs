using Microsoft.Data.Sqlite;
using WestmontTextLine.Records;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The stores that share the line's one SQLite writer close without disturbing its commits: their commands live on
/// the writer's connection, and a command closed beside a commit that makes one can break the connection's close.
/// </summary>
public sealed class SqliteSharedWriterTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-shared-{Guid.NewGuid():N}.db");

    private static readonly string[] UserNames = ["sessions", "scheduled work", "work log", "private records"];

    public static TheoryData<string> Users => new(UserNames);

    [Theory]
    [MemberData(nameof(Users))]
    public async Task A_store_that_closes_during_a_commit_waits_for_the_commit_to_end(string user)
    {
        await using var writer = new SqliteWriter($"Data Source={_path}");
        var store = Open(user, writer, foldsOnClose: false);
        var releasing = new WaitingThread();
        writer.Releasing = releasing.Catch;
        var held = new HeldWrite();
        var commit = writer.WriteAsync(held);
        Assert.True(held.Started.Wait(TimeSpan.FromSeconds(10)), "the commit never started");

        var closing = Task.Run(async () => await store.DisposeAsync());
        var waitedForTheCommit = releasing.WaitsBefore(closing);
        held.Release.Set();
        await commit;
        await closing;

        Assert.True(waitedForTheCommit, "the store closed its commands while the writer was inside a commit");
    }

    [Fact]
    public async Task Stores_opening_and_closing_beside_a_stream_of_commits_leave_the_writer_able_to_close()
    {
        var writer = new SqliteWriter($"Data Source={_path}");
        var counter = new SqliteUsageCounter(writer);
        using var stop = new CancellationTokenSource();
        var day = new DateOnly(2026, 12, 2);
        // Each count makes and closes a command on the writer's connection, inside the commit.
        var counting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) await counter.IncrementAsync(day, ["texts"]);
        });

        for (var round = 0; round < 300; round++)
        {
            await using var store = Open(UserNames[round % UserNames.Length], writer);
        }
        stop.Cancel();
        await counting;

        await writer.DisposeAsync();
        counter.Dispose();
    }

    // A session store that folds on close waits for its fold's write, which hides whether its close waits for a commit.
    private static IAsyncDisposable Open(string user, SqliteWriter writer, bool foldsOnClose = true) => user switch
    {
        "sessions" => new SqliteSessionStore(writer, SqliteSessionLogOptions.Default with { FoldOnClose = foldsOnClose }),
        "scheduled work" => new SqliteScheduledWork(writer),
        "work log" => new SqliteWorkLog(writer, "test"),
        "private records" => new SqlitePrivateRecords(writer),
        _ => throw new ArgumentOutOfRangeException(nameof(user), user, null),
    };

    public void Dispose()
    {
        SqliteFiles.Delete(_path);
    }

    private sealed class HeldWrite : ISqliteWrite
    {
        public ManualResetEventSlim Started { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            Started.Set();
            Release.Wait(TimeSpan.FromSeconds(10));
            return 1;
        }
    }
}
