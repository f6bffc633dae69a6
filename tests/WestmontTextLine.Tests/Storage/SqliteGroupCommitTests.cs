using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>The SQLite store's group commit and write-through cache keep the contract's promises.</summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-group-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_save_has_committed_when_it_returns_so_another_connection_reads_it()
    {
        await using var store = new SqliteSessionStore($"Data Source={_path}");
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => store.SaveAsync($"k{i}", new Session("health", "en", Noon))));

        await using var other = new SqliteSessionStore($"Data Source={_path}");
        for (var i = 0; i < 300; i++) Assert.Equal("health", (await other.LoadAsync($"k{i}"))?.Node);
    }

    [Fact]
    public async Task A_database_made_before_the_earlier_sids_column_gains_it_and_keeps_its_sessions()
    {
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path}"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE sessions (sender_key TEXT PRIMARY KEY, node TEXT NOT NULL, language TEXT NOT NULL,
                    last_activity INTEGER NOT NULL, opted_out INTEGER NOT NULL, last_message_sid TEXT, last_reply TEXT,
                    choices TEXT, version INTEGER NOT NULL);
                INSERT INTO sessions VALUES ('old', 'health', 'en', 0, 1, 'SM1', 'reply', NULL, 4);
                """;
            create.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var store = new SqliteSessionStore($"Data Source={_path}");
        var loaded = (await store.LoadAsync("old"))!;

        Assert.Equal(("health", true, 4L, (string?)null), (loaded.Node, loaded.OptedOut, loaded.Version, loaded.EarlierMessageSids));
        Assert.True(await store.SaveAsync("old", loaded with { EarlierMessageSids = "SM0" }));
    }

    [Fact]
    public async Task A_session_log_left_before_the_opted_in_at_column_gains_it_and_its_rows_are_read()
    {
        // As a build before the column left its file after kill -9: a change still in the log, not yet folded.
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path}"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE sessions (sender_key TEXT PRIMARY KEY, node TEXT NOT NULL, language TEXT NOT NULL,
                    last_activity INTEGER NOT NULL, opted_out INTEGER NOT NULL, last_message_sid TEXT, last_reply TEXT,
                    choices TEXT, version INTEGER NOT NULL, earlier_sids TEXT, recent_answers TEXT, handoff INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE session_log (seq INTEGER PRIMARY KEY, sender_key TEXT NOT NULL, node TEXT NOT NULL, language TEXT NOT NULL,
                    last_activity INTEGER NOT NULL, opted_out INTEGER NOT NULL, last_message_sid TEXT, last_reply TEXT,
                    choices TEXT, version INTEGER NOT NULL, earlier_sids TEXT, recent_answers TEXT, handoff INTEGER NOT NULL DEFAULT 0);
                INSERT INTO sessions VALUES ('old', 'health', 'en', 0, 0, 'SM1', 'reply', NULL, 4, NULL, NULL, 0);
                INSERT INTO session_log VALUES (1, 'old', 'main', 'en', 0, 1, 'SM2', NULL, NULL, 5, NULL, NULL, 0);
                PRAGMA user_version = 1;
                """;
            create.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using (var store = new SqliteSessionStore($"Data Source={_path}"))
        {
            var loaded = (await store.LoadAsync("old"))!;
            Assert.Equal(("main", true, 5L, (DateTimeOffset?)null), (loaded.Node, loaded.OptedOut, loaded.Version, loaded.OptedInAt));
            Assert.True(await store.SaveAsync("old", loaded with { OptedOut = false, OptedInAt = Noon }));
        }

        await using var reopened = new SqliteSessionStore($"Data Source={_path}");
        Assert.Equal(Noon, (await reopened.LoadAsync("old"))!.OptedInAt);
    }

    [Fact]
    public async Task Concurrent_saves_over_one_version_let_exactly_one_through()
    {
        await using var store = new SqliteSessionStore($"Data Source={_path}");
        await store.SaveAsync("a", new Session("main", "en", Noon));
        var loaded = (await store.LoadAsync("a"))!;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store.SaveAsync("a", loaded with { Node = $"n{i}" })));

        Assert.Single(results, r => r);
        Assert.Equal(2, (await store.LoadAsync("a"))!.Version);
    }

    [Fact]
    public async Task The_cache_forgets_what_a_purge_deleted()
    {
        await using var store = new SqliteSessionStore($"Data Source={_path}");
        await store.SaveAsync("idle", new Session("main", "en", Noon));
        Assert.NotNull(await store.LoadAsync("idle"));

        await store.PurgeIdleAsync(Noon.AddDays(1));

        Assert.Null(await store.LoadAsync("idle"));
        Assert.True(await store.SaveAsync("idle", new Session("main", "en", Noon.AddDays(2))));
    }

    [Fact]
    public async Task A_save_given_up_before_the_writer_reaches_it_is_not_applied()
    {
        await using var writer = new SqliteWriter($"Data Source={_path}");
        await using var store = new SqliteSessionStore(writer);
        using var cancelled = new CancellationTokenSource();

        Task<bool> ahead;
        using (var held = new SqliteWriterHeld(writer, write => write is SqliteSessionStore.Save))
        {
            // Queued behind a save the writer is held on, as behind a long commit: it is given up while still waiting.
            ahead = store.SaveAsync("ahead", new Session("main", "en", Noon));
            await Eventually.TrueAsync(() => held.Held, "the writer held on the save ahead");
            var givenUp = store.SaveAsync("a", new Session("main", "en", Noon), cancellationToken: cancelled.Token);
            await cancelled.CancelAsync();
            // Withdrawn while the writer is still held (a bound, not a wait on the writer, which holds for 30 s).
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givenUp.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        Assert.True(await ahead);
        await store.SaveAsync("b", new Session("main", "en", Noon)); // the writer has passed the withdrawn change

        await using var other = new SqliteSessionStore($"Data Source={_path}");
        Assert.Null(await other.LoadAsync("a"));
        Assert.NotNull(await other.LoadAsync("b"));
    }

    [Fact]
    public async Task Usage_counts_go_through_the_shared_writer_and_a_failing_isolated_write_undoes_no_session()
    {
        await using var writer = new SqliteWriter($"Data Source={_path}");
        await using var store = new SqliteSessionStore(writer);
        using var counter = new SqliteUsageCounter(writer);
        var day = new DateOnly(2026, 11, 26);

        var saves = Enumerable.Range(0, 50).Select(i => store.SaveAsync($"k{i}", new Session("main", "en", Noon))).ToList();
        await counter.IncrementAsync(day, ["texts", "texts", "node:main"]);
        var failing = writer.WriteAsync(new FailingIsolatedWrite());
        await Task.WhenAll(saves);

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal([new UsageCount(day, "node:main", 1), new UsageCount(day, "texts", 2)], await counter.ReadAsync(day, day));
        await using var other = new SqliteSessionStore($"Data Source={_path}");
        for (var i = 0; i < 50; i++) Assert.NotNull(await other.LoadAsync($"k{i}"));
    }

    public void Dispose()
    {
        SqliteFiles.Delete(_path);
    }

    private sealed class FailingIsolatedWrite : ISqliteWrite
    {
        public bool Isolated => true;

        public int Apply(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction) =>
            throw new InvalidOperationException("broken count");
    }
}
