using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The session log: a save appends a row, a fold writes each sender's newest row to the sessions table and deletes
/// what it folded, and a store opened on a file with unfolded rows (a crash between append and fold) sees them.
/// </summary>
public sealed class SqliteSessionLogTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    // No fold unless a test asks for one, and none when a store is closed: as after a kill -9.
    internal static readonly SqliteSessionLogOptions NeverFolds = new(
        FoldAfter: TimeSpan.FromDays(1), FoldInterval: TimeSpan.FromHours(1), RowsPerFold: 2_000, MaxBacklogRows: 1_000_000, FoldOnClose: false);

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-log-{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={_path}";

    [Fact]
    public async Task A_save_is_a_log_row_until_folded_and_then_one_table_row_per_sender()
    {
        await using var store = new SqliteSessionStore(ConnectionString, NeverFolds);
        await SaveWalkAsync(store, "a", "main", "health", "health_testing");
        await SaveWalkAsync(store, "b", "main", "law");

        Assert.Equal((5L, 0L), (Count("session_log"), Count("sessions")));

        Assert.Equal(2, await store.FoldAsync(all: true));

        Assert.Equal((0L, 2L), (Count("session_log"), Count("sessions")));
        Assert.Equal(("health_testing", 3L), Row("a"));
        Assert.Equal(("law", 2L), Row("b"));
        Assert.Equal("health_testing", (await store.LoadAsync("a"))!.Node);
    }

    [Fact]
    public async Task Folding_again_changes_nothing()
    {
        await using var store = new SqliteSessionStore(ConnectionString, NeverFolds);
        await SaveWalkAsync(store, "a", "main", "health");
        await store.FoldAsync(all: true);
        var before = (Row("a"), Count("sessions"), Count("session_log"));

        Assert.Equal(0, await store.FoldAsync(all: true));

        Assert.Equal(before, (Row("a"), Count("sessions"), Count("session_log")));
        Assert.Equal(("health", 2L), ((await store.LoadAsync("a"))!.Node, (await store.LoadAsync("a"))!.Version));
    }

    [Fact]
    public async Task After_a_crash_between_append_and_fold_a_restart_sees_the_newest_change_and_folds_it()
    {
        await using (var crashed = new SqliteSessionStore(ConnectionString, NeverFolds))
        {
            await SaveWalkAsync(crashed, "a", "main", "health");
            await crashed.FoldAsync(all: true);
            var health = (await crashed.LoadAsync("a"))!;
            Assert.True(await crashed.SaveAsync("a", health with { Node = "health_prep", LastMessageSid = "SM3" }));
        }
        Assert.Equal(("health", 2L), Row("a")); // the table is behind: the newest change is only in the log

        await using var restarted = new SqliteSessionStore(ConnectionString, NeverFolds);

        var loaded = (await restarted.LoadAsync("a"))!;
        Assert.Equal(("health_prep", 3L, "SM3"), (loaded.Node, loaded.Version, loaded.LastMessageSid));
        Assert.False(await restarted.SaveAsync("a", loaded with { Version = 2 })); // the version check knows the log
        Assert.True(await restarted.SaveAsync("a", loaded with { Node = "health" }));
        await restarted.FoldAsync(all: true);
        Assert.Equal(("health", 4L), Row("a"));
        Assert.Equal(0, Count("session_log"));
    }

    [Fact]
    public async Task A_restart_replays_the_log_in_order_whatever_was_folded_before()
    {
        await using (var crashed = new SqliteSessionStore(ConnectionString, NeverFolds))
        {
            for (var i = 0; i < 50; i++) await SaveWalkAsync(crashed, $"k{i}", "main", "health");
            await crashed.FoldAsync(all: true);
            for (var i = 0; i < 50; i += 2)
            {
                var session = (await crashed.LoadAsync($"k{i}"))!;
                await crashed.SaveAsync($"k{i}", session with { Node = "law" });
            }
        }

        await using var restarted = new SqliteSessionStore(ConnectionString, NeverFolds);

        Assert.Equal(25, restarted.UnfoldedRows);
        for (var i = 0; i < 50; i++) Assert.Equal(i % 2 == 0 ? ("law", 3L) : ("health", 2L), Node(await restarted.LoadAsync($"k{i}")));
    }

    [Fact]
    public async Task Forget_after_unfolded_appends_deletes_every_row_of_the_sender_and_nothing_folds_it_back()
    {
        await using (var store = new SqliteSessionStore(ConnectionString, NeverFolds))
        {
            await SaveWalkAsync(store, "gone", "main");
            await store.FoldAsync(all: true);
            var session = (await store.LoadAsync("gone"))!;
            await store.SaveAsync("gone", session with { Node = "health" });
            await SaveWalkAsync(store, "kept", "main", "law");
            Assert.Equal(3, Count("session_log"));

            await store.DeleteAsync("gone");

            Assert.Null(await store.LoadAsync("gone"));
            Assert.Equal(2, Count("session_log"));
            await store.FoldAsync(all: true);
            Assert.Null(await store.LoadAsync("gone"));
            Assert.Null(Row("gone"));
            Assert.Equal(("law", 2L), Row("kept"));
            Assert.True(await store.SaveAsync("gone", new Session("main", "en", Noon)));
            Assert.Equal(1, (await store.LoadAsync("gone"))!.Version);
        }
        await using var restarted = new SqliteSessionStore(ConnectionString, NeverFolds);
        Assert.Equal(1, (await restarted.LoadAsync("gone"))!.Version);
    }

    [Fact]
    public async Task Forget_leaves_the_keyed_hash_nowhere_in_the_log_or_the_table()
    {
        const string key = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
        await using var store = new SqliteSessionStore(ConnectionString, NeverFolds);
        await SaveWalkAsync(store, key, "main", "health", "law");
        await store.FoldAsync(all: true);
        var session = (await store.LoadAsync(key))!;
        await store.SaveAsync(key, session with { Node = "health" });

        await store.DeleteAsync(key);
        SqliteFiles.Checkpoint(_path);

        Assert.False(SqliteFiles.Contain(_path, key));
    }

    [Fact]
    public async Task Retention_folds_an_idle_sender_first_and_deletes_folded_rows_but_keeps_an_opt_out()
    {
        await using var store = new SqliteSessionStore(ConnectionString, NeverFolds);
        var longAgo = Noon.AddDays(-40);
        await store.SaveAsync("idle-folded", new Session("main", "en", longAgo));
        await store.SaveAsync("opted-out", new Session("main", "en", longAgo, OptedOut: true, LastReply: "unsubscribed"));
        await store.FoldAsync(all: true);
        await store.SaveAsync("idle-unfolded", new Session("main", "en", longAgo));
        await store.SaveAsync("recent", new Session("main", "en", Noon));
        var refreshed = (await store.LoadAsync("idle-folded"))!;

        Assert.Equal(3, await store.PurgeIdleAsync(Noon.AddDays(-30)));

        Assert.Null(await store.LoadAsync("idle-folded"));
        Assert.Null(await store.LoadAsync("idle-unfolded"));
        Assert.Equal((true, (string?)null), ((await store.LoadAsync("opted-out"))!.OptedOut, (await store.LoadAsync("opted-out"))!.LastReply));
        Assert.Equal("main", (await store.LoadAsync("recent"))!.Node);
        Assert.Equal(1, Count("session_log")); // the recent sender's row, still to fold
        Assert.False(await store.SaveAsync("idle-folded", refreshed));
        await store.FoldAsync(all: true);
        Assert.Null(Row("idle-unfolded"));
        Assert.Equal(("main", 1L), Row("recent"));
    }

    [Fact]
    public async Task The_timer_folds_rows_once_they_are_due()
    {
        var options = new SqliteSessionLogOptions(
            FoldAfter: TimeSpan.FromMilliseconds(50), FoldInterval: TimeSpan.FromMilliseconds(20), RowsPerFold: 3, MaxBacklogRows: 1_000);
        await using var store = new SqliteSessionStore(ConnectionString, options);
        for (var i = 0; i < 10; i++) await SaveWalkAsync(store, $"k{i}", "main", "health");

        await Eventually.TrueAsync(() => store.UnfoldedRows == 0, "the fold");

        Assert.Equal(10, Count("sessions"));
        Assert.Equal(0, Count("session_log"));
    }

    [Fact]
    public async Task Under_a_steady_flow_of_saves_rows_coming_due_wait_for_the_timer_instead_of_a_fold_each_commit()
    {
        // A save each millisecond of a fake clock, as under load, and each fold a millisecond long (the clock moves after
        // it took its rows, before its commit): by the time it commits, the row saved just after its cutoff has come due.
        // A fold that took every due row leaves that one to the timer; folding again at once made a fold of each commit.
        var time = new FakeTimeProvider(Noon);
        var options = new SqliteSessionLogOptions(
            FoldAfter: TimeSpan.FromMilliseconds(20), FoldInterval: TimeSpan.FromMilliseconds(250), RowsPerFold: 10_000, MaxBacklogRows: 1_000_000);
        await using var writer = new SqliteWriter(ConnectionString);
        await using var store = new SqliteSessionStore(writer, options, time);
        static bool IsFold(ISqliteWrite write) => write.GetType().Name == "Fold";
        var folds = 0;
        writer.HoldingTheLock = writes => Interlocked.Add(ref folds, writes.Count(IsFold));
        writer.Applied = writes =>
        {
            if (writes.Any(IsFold)) time.Advance(TimeSpan.FromMilliseconds(1));
        };

        var saves = 0;
        for (; saves < 1_500; saves++)
        {
            await store.SaveAsync($"k{saves}", new Session("main", "en", Noon));
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Eventually.TrueAsync(() => !store.FoldingInBackground, "the timer's fold");
        }

        // One fold a tick of the timer: six in the 1.5 s (and the 6 ms the folds took). A fold each commit is 20 a tick.
        Assert.Equal(6, Volatile.Read(ref folds));
        time.Advance(options.FoldInterval);
        await Eventually.TrueAsync(() => !store.FoldingInBackground, "the timer's fold of the rest");
        Assert.Equal(0, store.UnfoldedRows);
        Assert.Equal(saves, Count("sessions"));
        writer.HoldingTheLock = null;
        writer.Applied = null;
    }

    [Fact]
    public async Task The_timer_starts_a_fold_only_for_a_row_the_fold_takes_even_one_appended_exactly_the_delay_ago()
    {
        // The clock moves only when the test moves it, a tick of the timer at a time.
        var time = new FakeTimeProvider(Noon);
        var options = new SqliteSessionLogOptions(
            FoldAfter: TimeSpan.FromSeconds(5), FoldInterval: TimeSpan.FromSeconds(1), RowsPerFold: 64, MaxBacklogRows: 1_000, FoldOnClose: false);
        await using var writer = new SqliteWriter(ConnectionString);
        await using var store = new SqliteSessionStore(writer, options, time);
        var folds = 0;
        writer.HoldingTheLock = writes => Interlocked.Add(ref folds, writes.Count(write => write.GetType().Name == "Fold"));
        async Task TickAsync()
        {
            time.Advance(options.FoldInterval);
            await Eventually.TrueAsync(() => !store.FoldingInBackground, "the timer's fold");
        }

        await store.SaveAsync("a", new Session("main", "en", Noon));
        await TickAsync();
        await store.SaveAsync("b", new Session("main", "en", Noon));
        for (var second = 2; second < 5; second++) await TickAsync();
        Assert.Equal((0, 2L), (Volatile.Read(ref folds), store.UnfoldedRows));

        // 5 s after "a": one fold, which takes "a" and leaves "b" (4 s old).
        await TickAsync();
        Assert.Equal((1, 1L), (Volatile.Read(ref folds), store.UnfoldedRows));
        Assert.Equal(("main", 1L), Row("a"));

        // 5 s after "b", and then nothing due: no fold that takes nothing.
        await TickAsync();
        await TickAsync();
        Assert.Equal((2, 0L), (Volatile.Read(ref folds), store.UnfoldedRows));
        Assert.Equal(("main", 1L), Row("b"));
        writer.HoldingTheLock = null;
    }

    [Fact]
    public async Task A_fold_that_stops_at_its_row_limit_with_rows_still_due_folds_on_at_once()
    {
        var options = new SqliteSessionLogOptions(
            FoldAfter: TimeSpan.FromMilliseconds(1), FoldInterval: TimeSpan.FromHours(1), RowsPerFold: 4, MaxBacklogRows: 1_000);
        await using var store = new SqliteSessionStore(ConnectionString, options);
        for (var i = 0; i < 18; i++) await store.SaveAsync($"k{i}", new Session("main", "en", Noon));
        await Task.Delay(20);

        // Five folds (4, 4, 4, 4, 2) from one call, with no tick of the timer between them.
        Assert.Equal(18, await store.FoldAsync());
        Assert.Equal(0, store.UnfoldedRows);
    }

    [Fact]
    public async Task Past_the_backlog_bound_rows_are_folded_whatever_their_age()
    {
        var options = new SqliteSessionLogOptions(
            FoldAfter: TimeSpan.FromDays(1), FoldInterval: TimeSpan.FromMilliseconds(20), RowsPerFold: 4, MaxBacklogRows: 5);
        await using var store = new SqliteSessionStore(ConnectionString, options);
        for (var i = 0; i < 20; i++) await store.SaveAsync($"k{i}", new Session("main", "en", Noon));

        await Eventually.TrueAsync(() => store.UnfoldedRows <= 5, "the fold down to the bound");

        Assert.True(Count("sessions") >= 15);
        for (var i = 0; i < 20; i++) Assert.Equal(1, (await store.LoadAsync($"k{i}"))!.Version);
    }

    [Fact]
    public async Task A_clean_close_folds_the_log()
    {
        await using (var store = new SqliteSessionStore($"Data Source={_path}"))
        {
            await SaveWalkAsync(store, "a", "main", "health");
        }

        Assert.Equal((0L, ("health", 2L)), (Count("session_log"), Row("a")!.Value));
    }

    /// <summary>Saves the sender through these nodes, each over the version the last one left.</summary>
    [Fact]
    public async Task A_fold_lets_go_of_the_change_it_wrote_even_from_a_clock_finer_than_the_file_and_not_in_utc()
    {
        await using var store = new SqliteSessionStore(ConnectionString, NeverFolds);
        // The file keeps milliseconds in UTC; the session in memory is compared as the file would hold it.
        var chicago = new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.FromHours(-6)).AddTicks(4_321);
        Assert.True(await store.SaveAsync("a", new Session("health", "en", chicago, LastMessageSid: "SM1")));
        Assert.True(await store.SaveAsync("b", new Session("law", "en", chicago, LastMessageSid: "SM2")));
        Assert.Equal(2, store.UnfoldedSenders);

        Assert.Equal(2, await store.FoldAsync(all: true));

        Assert.Equal(0, store.UnfoldedSenders);
        var read = await store.LoadAsync("a");
        Assert.Equal(("health", 1L), Node(read));
        Assert.Equal(chicago.ToUnixTimeMilliseconds(), read!.LastActivity.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_change_committed_after_the_row_a_fold_wrote_stays_in_memory_until_its_own_fold()
    {
        await using var store = new SqliteSessionStore(ConnectionString, NeverFolds);
        Assert.True(await store.SaveAsync("a", new Session("health", "en", Noon, LastMessageSid: "SM1")));
        var folding = store.FoldAsync(all: true);
        Assert.True(await store.SaveAsync("a", (await store.LoadAsync("a"))! with { Node = "law", LastMessageSid = "SM2" }));
        await folding;

        Assert.Equal(("law", 2L), Node(await store.LoadAsync("a")));
        await store.FoldAsync(all: true);
        Assert.Equal(0, store.UnfoldedSenders);
        Assert.Equal(("law", 2L), Node(await store.LoadAsync("a")));
    }

    [Fact]
    public async Task Keys_as_the_line_makes_them_are_stored_under_themselves_through_log_fold_restart_and_forget()
    {
        var keys = new WestmontTextLine.Senders.SenderKeys("log-test-privacy-key"u8.ToArray());
        var (first, second) = (keys.KeyOf("+16305550100"), keys.KeyOf("+16305550101"));
        await using (var crashed = new SqliteSessionStore(ConnectionString, NeverFolds))
        {
            await SaveWalkAsync(crashed, first, "main", "health");
            await crashed.FoldAsync(all: true);
            await SaveWalkAsync(crashed, second, "main", "law");
        }
        Assert.Equal(("health", 2L), Row(first));
        Assert.Null(Row(second)); // only in the log

        await using var restarted = new SqliteSessionStore(ConnectionString, NeverFolds);

        Assert.Equal(("health", 2L), ((await restarted.LoadAsync(first))!.Node, (await restarted.LoadAsync(first))!.Version));
        Assert.Equal("law", (await restarted.LoadAsync(second))!.Node);
        await restarted.FoldAsync(all: true);
        Assert.Equal(("law", 2L), Row(second));
        await restarted.DeleteAsync(first);
        Assert.Null(Row(first));
        Assert.Null(await restarted.LoadAsync(first));
        Assert.Equal("law", (await restarted.LoadAsync(second))!.Node);
    }

    private static async Task SaveWalkAsync(SqliteSessionStore store, string key, params string[] nodes)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            var session = await store.LoadAsync(key) ?? new Session(nodes[i], "en", Noon);
            Assert.True(await store.SaveAsync(key, session with { Node = nodes[i], LastMessageSid = $"SM{i}", LastActivity = Noon }));
        }
    }

    private static (string, long) Node(Session? session) => (session!.Node, session.Version);

    private long Count(string table)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    private (string Node, long Version)? Row(string key)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT node, version FROM sessions WHERE sender_key = $key";
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetInt64(1)) : null;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        SqliteFiles.Delete(_path);
    }
}
