using StackExchange.Redis;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Console.Audit;

public sealed class InMemoryAuditLogContractTests : AuditLogContract
{
    private readonly InMemoryAuditLog _log = new();

    protected override IAuditLog Log => _log;

    protected override IAuditLog OtherInstance => _log;

    protected override IAuditLog SmallLog { get; } = new InMemoryAuditLog(SmallCapacity);
}

/// <summary>On SQLite through a shared writer; the other instance is a second log over the same writer.</summary>
public sealed class SqliteAuditLogContractTests : AuditLogContract, IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-audit-{Guid.NewGuid():N}.db");
    private readonly string _smallPath = Path.Combine(Path.GetTempPath(), $"textline-audit-small-{Guid.NewGuid():N}.db");
    private readonly SqliteWriter _writer;
    private readonly SqliteAuditLog _log;
    private readonly SqliteAuditLog _other;
    private readonly SqliteAuditLog _small;

    public SqliteAuditLogContractTests()
    {
        _writer = new SqliteWriter($"Data Source={_path}");
        _log = new SqliteAuditLog(_writer);
        _other = new SqliteAuditLog(_writer);
        _small = new SqliteAuditLog($"Data Source={_smallPath}", SmallCapacity);
    }

    protected override IAuditLog Log => _log;

    protected override IAuditLog OtherInstance => _other;

    protected override IAuditLog SmallLog => _small;

    [Fact]
    public async Task The_entries_survive_a_restart()
    {
        await Log.AppendAsync(Entry(1));

        await using var reopened = new SqliteAuditLog($"Data Source={_path}");

        Assert.Equal([Entry(1)], await reopened.ReadAsync(10));
    }

    [Fact]
    public async Task Age_is_honoured_after_a_restart_with_another_ceiling()
    {
        for (var i = 1; i <= 4; i++) await Log.AppendAsync(Entry(i));

        await using var reopened = new SqliteAuditLog($"Data Source={_path}", capacity: 3);
        Assert.Equal(1, await reopened.PurgeOlderThanAsync(Now.AddSeconds(2)));
        await reopened.AppendAsync(Entry(5));

        Assert.Equal([Entry(5), Entry(4), Entry(3)], await reopened.ReadAsync(10));
    }

    /// <summary>
    /// A file from before the folded copies of each target and actor ("To what" and "Who" are read from them, not
    /// through .NET a row at a time): its rows get them at start, and a row an older build writes afterwards, without
    /// them, is still found.
    /// </summary>
    [Fact]
    public async Task To_what_and_who_find_the_rows_of_a_file_from_before_and_of_an_older_build_since()
    {
        var path = Path.Combine(Path.GetTempPath(), $"textline-audit-older-{Guid.NewGuid():N}.db");
        try
        {
            using (var older = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
            {
                older.Open();
                using var create = older.CreateCommand();
                create.CommandText = """
                    CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL);
                    INSERT INTO audit_log (at, actor, action, target) VALUES (1, 'ana', 'inbox.read', 'conversation 5d1cab (held by Été)'), (2, 'bo', 'shift.on', ''), (2, 'José', 'shift.on', '');
                    """;
                create.ExecuteNonQuery();
            }
            await using (var upgraded = new SqliteAuditLog($"Data Source={path}"))
            {
                await upgraded.AppendAsync(new AuditEntry(Now, "cy", "inbox.claimed", "conversation 5D1CFF"));
                using (var olderBuild = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    olderBuild.Open();
                    using var insert = olderBuild.CreateCommand();
                    insert.CommandText = """
                        INSERT INTO audit_log (at, actor, action, target) VALUES (3, 'dee', 'inbox.closed', 'conversation 5d1c00 (ÉTÉ)'), (4, 'JOSÉ', 'shift.off', '');
                        """;
                    insert.ExecuteNonQuery();
                }

                Assert.Equal(["dee", "cy", "ana"], (await upgraded.ReadViewAsync(new AuditFilter(TargetContains: "5D1C"), 0, 10)).Entries.Select(entry => entry.Actor));
                Assert.Equal(["dee", "ana"], (await upgraded.ReadViewAsync(new AuditFilter(TargetContains: "été"), 0, 10)).Entries.Select(entry => entry.Actor));
                Assert.Equal(2, (await upgraded.ReadViewAsync(new AuditFilter(TargetContains: "5d1c", From: DateTimeOffset.FromUnixTimeMilliseconds(2)), 0, 1)).Matching);
                Assert.Equal(["JOSÉ", "José"], (await upgraded.ReadViewAsync(new AuditFilter(Actor: "josé"), 0, 10)).Entries.Select(entry => entry.Actor));
                Assert.Equal(["dee"], (await upgraded.ReadViewAsync(new AuditFilter(Actor: "DEE", Kind: "inbox"), 0, 10)).Entries.Select(entry => entry.Actor));
            }
        }
        finally
        {
            SqliteFiles.Delete(path);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        await _other.DisposeAsync();
        await _small.DisposeAsync();
        await _writer.DisposeAsync();
        SqliteFiles.Delete(_path);
        SqliteFiles.Delete(_smallPath);
    }
}

/// <summary>On a real redis-server; the other instance has a connection of its own. Each test has its own key prefix.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisAuditLogContractTests : AuditLogContract, IDisposable
{
    private readonly RedisServerFixture _redis;
    private readonly RedisKeys _keys = new($"test-{Guid.NewGuid():N}:");
    private readonly IConnectionMultiplexer _otherConnection;

    public RedisAuditLogContractTests(RedisServerFixture redis)
    {
        _redis = redis;
        _otherConnection = RedisConnection.Connect(redis.Server.ConnectionStringWithoutTheLinesTimeout);
        Log = new RedisAuditLog(redis.Connection, _keys);
        OtherInstance = new RedisAuditLog(_otherConnection, _keys);
        SmallLog = new RedisAuditLog(redis.Connection, new RedisKeys($"test-{Guid.NewGuid():N}:"), SmallCapacity);
    }

    protected override IAuditLog Log { get; }

    protected override IAuditLog OtherInstance { get; }

    protected override IAuditLog SmallLog { get; }

    /// <summary>Every key of the log is under the line's prefix, and once every entry is gone, so are its indexes.</summary>
    [Fact]
    public async Task The_log_keeps_its_keys_under_the_line_prefix_and_leaves_none_behind_once_emptied()
    {
        await Log.AppendAsync(Entry(1));
        await Log.AppendAsync(new AuditEntry(Now, "ana", ConsoleAuditActions.ConversationRead, "conversation 5d1c"));

        var keys = _redis.Connection.GetServer(_redis.Connection.GetEndPoints()[0]).Keys(pattern: $"{_keys.Prefix}*").Select(key => (string)key!).ToList();
        Assert.All(keys, key => Assert.StartsWith($"{_keys.Prefix}audit:", key));
        Assert.Equal(2, await Log.PurgeOlderThanAsync(Now.AddDays(1)));
        Assert.Equal([$"{_keys.Prefix}audit:next"], _redis.Connection.GetServer(_redis.Connection.GetEndPoints()[0]).Keys(pattern: $"{_keys.Prefix}*").Select(key => (string)key!));
    }

    /// <summary>
    /// A line upgraded from the version that kept the log as one list (wtl:audit, newest first): its entries are
    /// moved in at the first use, in order and older than any appended since, and the list is gone.
    /// </summary>
    [Fact]
    public async Task The_list_an_older_version_kept_is_moved_in_in_order()
    {
        var olderList = $"{_keys.Prefix}audit";
        for (var i = 1; i <= 2_500; i++)
        {
            var entry = Entry(i, i % 2 == 0 ? ConsoleAuditActions.ConversationRead : AuditActions.StaffReset);
            await _redis.Database.ListLeftPushAsync(olderList,
                $$"""{"At":{{entry.Time.ToUnixTimeMilliseconds()}},"Actor":"{{entry.Actor}}","Action":"{{entry.Action}}","Target":"{{entry.Target}}"}""");
        }

        await Log.AppendAsync(Entry(9_999));

        var all = new List<AuditEntry>();
        await foreach (var entry in OtherInstance.ReadAllAsync()) all.Add(entry);
        Assert.Equal([Entry(9_999), .. Enumerable.Range(1, 2_500).Reverse().Select(i => Entry(i, i % 2 == 0 ? ConsoleAuditActions.ConversationRead : AuditActions.StaffReset))], all);
        Assert.False(await _redis.Database.KeyExistsAsync(olderList));
        var read = await OtherInstance.ReadViewAsync(new AuditFilter(Actor: "ACTOR2", Kind: "inbox", TargetContains: "TARGET 2"), 0, 10);
        Assert.Equal([Entry(2, ConsoleAuditActions.ConversationRead)], read.Entries);
    }

    /// <summary>
    /// A Redis filled by the build of 2026-12-05 (each entry's JSON in a sorted set, with indexes by time, actor and
    /// kind): at the first use every entry is moved in under its own id, in order, newest first as before, the filters
    /// find them, new entries go above them, and the older layout's keys are gone.
    /// </summary>
    [Fact]
    public async Task The_layout_of_2026_12_05_is_moved_in_with_every_entry()
    {
        var prefix = _keys.AuditKeys();
        var written = new List<AuditEntry>();
        for (var i = 0; i < 1_300; i++)
        {
            var entry = new AuditEntry(Now.AddMinutes(i), i % 3 == 0 ? "Ana" : i % 3 == 1 ? "bo" : "(no such account)",
                i % 2 == 0 ? ConsoleAuditActions.ConversationRead : ConsoleAuditActions.SignInFailed,
                i % 4 == 0 ? "" : i % 4 == 1 ? $"conversation {i:x4}ab (held by Ana)" : i % 4 == 2 ? $"Été {i} <&> \"q\"" : $"ana{i}");
            written.Add(entry);
            await RedisAuditLayoutOf20261205.AppendAsync(_redis.Database, prefix, entry);
        }
        written.Reverse();

        var newest = new AuditEntry(Now.AddDays(2), "cy", "signout", "");
        await Log.AppendAsync(newest);

        var all = new List<AuditEntry>();
        await foreach (var entry in OtherInstance.ReadAllAsync()) all.Add(entry);
        Assert.Equal([newest, .. written], all);
        Assert.Equal(1_301, await OtherInstance.CountAsync());
        foreach (var filter in new AuditFilter[] { new(Actor: "ANA"), new(Kind: "signin"), new(TargetContains: "AB (held"), new(TargetContains: "été 1"),
            new("bo", "inbox", "", Now.AddMinutes(100), Now.AddMinutes(700)) })
        {
            var expected = written.Where(filter.Matches).ToList();
            var view = await OtherInstance.ReadViewAsync(filter, 1, 50);
            Assert.Equal(expected.Count, view.Matching);
            Assert.Equal(expected.Skip(50).Take(50), view.Entries);
        }
        var older = RedisAuditLayoutOf20261205.KeysOf(prefix, ["ANA", "BO", "(NO SUCH ACCOUNT)"], ["inbox", "signin"]);
        foreach (var key in older) Assert.False(await _redis.Database.KeyExistsAsync(key), key);
        Assert.Equal(1_300, await Log.PurgeOlderThanAsync(Now.AddMinutes(1_300)));
        Assert.Equal([newest], await Log.ReadAsync(10));
    }

    /// <summary>
    /// The log at its ceiling must fit a small Redis: entries as a realistic line writes them (shifts, sign-ins, a
    /// conversation's id in most targets) take some 115 bytes each with everything the Audit page needs. Before, the
    /// sorted set of JSON and an index entry per actor, kind and time took some 570 (143 MB at 250,000 entries).
    /// </summary>
    [Fact]
    public async Task The_log_takes_little_memory_an_entry()
    {
        const int written = 20_000;
        var random = new Random(7);
        string[] staff = [.. Enumerable.Range(0, 24).Select(i => $"volunteer{i}")];
        string[] actions = [ConsoleAuditActions.ShiftOn, ConsoleAuditActions.ShiftOff, ConsoleAuditActions.SignedIn, ConsoleAuditActions.ConversationClaimed,
            ConsoleAuditActions.ConversationReplied, ConsoleAuditActions.ConversationRead, ConsoleAuditActions.ConversationClosed];
        for (var start = 0; start < written; start += 100)
        {
            await Task.WhenAll(Enumerable.Range(start, 100).Select(i =>
            {
                var action = actions[random.Next(actions.Length)];
                var target = action.StartsWith("inbox.", StringComparison.Ordinal)
                    ? $"conversation {Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64()))}a1b2" + (action == ConsoleAuditActions.ConversationRead ? $" (held by {staff[random.Next(24)]})" : "")
                    : "";
                return Log.AppendAsync(new AuditEntry(Now.AddSeconds(i * 30), staff[random.Next(24)], action, target));
            }));
        }

        var server = _redis.Connection.GetServer(_redis.Connection.GetEndPoints()[0]);
        long bytes = 0;
        foreach (var key in server.Keys(pattern: $"{_keys.Prefix}*", pageSize: 1_000))
        {
            bytes += (long)_redis.Database.Execute("MEMORY", "USAGE", key, "SAMPLES", "0");
        }
        Assert.True(bytes / written < 160, $"{bytes / written} bytes an entry");
    }

    /// <summary>
    /// A view over many parts (months of dates, a busy actor and kind together), with times that straddle the parts'
    /// bounds: it still gives what the filter means, a page at a time.
    /// </summary>
    [Fact]
    public async Task A_view_too_large_for_one_script_gives_the_same_entries()
    {
        const int written = 21_500;
        for (var start = 0; start < written; start += 100)
        {
            await Task.WhenAll(Enumerable.Range(start, 100).Select(i =>
                Log.AppendAsync(new AuditEntry(Now.AddMinutes(i), i % 7 == 0 ? "ana" : "bo", i % 2 == 0 ? ConsoleAuditActions.ShiftOn : ConsoleAuditActions.SignedIn, ""))));
        }
        var all = new List<AuditEntry>();
        await foreach (var entry in Log.ReadAllAsync()) all.Add(entry);
        AuditFilter[] filters =
        [
            new(From: Now.AddMinutes(100), Before: Now.AddMinutes(written - 100)), new(Before: Now.AddMinutes(written)),
            new(Actor: "BO", Kind: "signin"), new(Actor: "ana", From: Now.AddMinutes(10)), new(Kind: "shift", Before: Now.AddMinutes(written - 3)),
        ];
        foreach (var filter in filters)
        {
            var expected = all.Where(filter.Matches).ToList();
            foreach (var page in new[] { 0, 3, 9_999 })
            {
                var view = await OtherInstance.ReadViewAsync(filter, page, 500);
                var shown = Math.Min(page, (expected.Count - 1) / 500);
                Assert.True(expected.Count == view.Matching, $"{filter}: {view.Matching} of {expected.Count}");
                Assert.Equal(shown, view.Page);
                Assert.Equal(expected.Skip(shown * 500).Take(500), view.Entries);
                Assert.Equal(["ana", "bo"], view.Actors.Order());
            }
        }
    }

    /// <summary>
    /// A line whose staff include José, so every part holds a letter outside ASCII: "To what" for "josé", or for a
    /// conversation's id, is searched by Redis, which sends only the entries that hold it. Before, each such part was
    /// sent whole and compared by the line (at the ceiling, 0.14-0.18 s a view, every entry copied out of Redis).
    /// </summary>
    [Fact]
    public async Task To_what_outside_ascii_copies_only_the_matching_entries_out_of_redis()
    {
        await FillAsync(10_240, i => new AuditEntry(Now.AddSeconds(i), i % 4 == 0 ? "José" : "bo", ConsoleAuditActions.ConversationRead,
            i % 2_000 == 5 ? "staff José" : $"conversation {i:x8}a1b2c3d4 (held by bo)"));

        foreach (var text in new[] { "josé", "É", "0001f4a1" })
        {
            var (view, sent) = await ViewAndBytesSentAsync(new AuditFilter(TargetContains: text));
            Assert.InRange(view.Matching, 1, 10);
            Assert.True(sent < 20_000, $"{text}: {sent} bytes sent for {view.Matching} entries");
        }
    }

    /// <summary>
    /// Half of a surrogate pair in "To what" (a script's request: a browser sends UTF-8, which has no such half) is
    /// found in a pair, as .NET finds it, by the line reading the parts, since Redis holds UTF-8; the same view as before.
    /// </summary>
    [Fact]
    public async Task Half_a_surrogate_pair_in_to_what_finds_what_the_filter_means()
    {
        string[] targets = ["𐐨𐐯 deseret", "plain", "𐐀"];
        for (var i = 0; i < 9; i++) await Log.AppendAsync(new AuditEntry(Now.AddMinutes(i), "ana", AuditActions.StaffAdded, targets[i % 3]));
        var all = new List<AuditEntry>();
        await foreach (var entry in Log.ReadAllAsync()) all.Add(entry);

        var filter = new AuditFilter(TargetContains: "\ud801");
        var view = await OtherInstance.ReadViewAsync(filter, 0, 10);

        Assert.Equal(6, view.Matching);
        Assert.Equal(all.Where(filter.Matches), view.Entries);
    }

    /// <summary>
    /// An actor with one entry in each part of the log: a page by Who alone gets those entries, not the parts that
    /// hold them. Before, each part was sent whole (256 entries for one), some 500 parts for a page at the ceiling.
    /// </summary>
    [Fact]
    public async Task Who_alone_copies_only_that_actor_s_entries_out_of_redis()
    {
        await FillAsync(10_240, i => new AuditEntry(Now.AddSeconds(i), i % RedisAuditRecord.PartSize == 100 ? "rare" : "bo", ConsoleAuditActions.ShiftOn,
            $"conversation {i:x8}a1b2c3d4"));

        var (view, sent) = await ViewAndBytesSentAsync(new AuditFilter(Actor: "RARE"));

        Assert.Equal(40, view.Matching);
        Assert.Equal(40, view.Entries.Count);
        Assert.True(sent < 20_000, $"{sent} bytes sent for {view.Matching} entries");
    }

    /// <summary>
    /// Console:AuditMaxEntries lowered by 5,000 since the log filled: the next append trims the rest a batch of 2,000 at
    /// a time (three scripts), and the log then holds exactly the newest entries up to the new ceiling, none older and
    /// none newer lost.
    /// </summary>
    [Fact]
    public async Task A_ceiling_lowered_by_more_than_a_batch_keeps_exactly_the_newest()
    {
        await FillAsync(6_000, i => Entry(i));
        var lowered = new RedisAuditLog(_redis.Connection, _keys, capacity: 1_000);

        await lowered.AppendAsync(Entry(6_000));

        Assert.Equal(1_000, await lowered.CountAsync());
        var all = new List<AuditEntry>();
        await foreach (var entry in OtherInstance.ReadAllAsync()) all.Add(entry);
        Assert.Equal(Enumerable.Range(5_001, 1_000).Reverse().Select(i => Entry(i)), all.OrderByDescending(entry => entry.Time));
        var view = await lowered.ReadViewAsync(AuditFilter.None, 1, 500);
        Assert.Equal(1_000, view.Matching);
        Assert.Equal(Entry(5_500), view.Entries[0]);
        Assert.Equal(Entry(5_001), view.Entries[^1]);
    }

    /// <summary>
    /// The age sweep looks at a few parts per script (here 3, of 12), and more than a batch of entries goes: every
    /// entry older than the cutoff goes, in whichever part, and every younger one stays, in order.
    /// </summary>
    [Fact]
    public async Task The_age_sweep_in_bounded_steps_deletes_every_old_entry_and_no_other()
    {
        static AuditEntry Aged(int i) => i % 3 == 0 ? Entry(i) : new AuditEntry(Now.AddDays(-500).AddSeconds(i), $"actor{i}", AuditActions.StaffAdded, $"target {i}");
        await FillAsync(3_072, Aged);
        var sweeping = new RedisAuditLog(_redis.Connection, _keys) { PartsSweptAtOnce = 3 };

        Assert.Equal(2_048, await sweeping.PurgeOlderThanAsync(Now.AddDays(-1)));

        var all = new List<AuditEntry>();
        await foreach (var entry in OtherInstance.ReadAllAsync()) all.Add(entry);
        Assert.Equal(Enumerable.Range(0, 3_072).Where(i => i % 3 == 0).Select(i => Entry(i)).OrderByDescending(entry => entry.Time), all.OrderByDescending(entry => entry.Time));
        Assert.Equal(1_024, await Log.CountAsync());
        Assert.Equal(0, await sweeping.PurgeOlderThanAsync(Now.AddDays(-1)));
    }

    /// <summary>
    /// An administrator on the last page while a flood at the ceiling trims the oldest entries: the page and its count
    /// agree (as many entries as the count leaves for it, never none). Before, the count came from the tallies and the
    /// page a moment later, so the last page came short of its count ("entries 901 to 1,000 of 1,000" over 97 lines),
    /// and its "Older entries" link led back to itself.
    /// </summary>
    [Fact]
    public async Task The_last_page_and_its_count_agree_while_the_ceiling_trims()
    {
        var full = new RedisAuditLog(_redis.Connection, _keys, capacity: 1_000);
        for (var start = 0; start < 1_000; start += 100)
        {
            await Task.WhenAll(Enumerable.Range(start, 100).Select(i => full.AppendAsync(Entry(i))));
        }
        using var stop = new CancellationTokenSource();
        var flood = Task.Run(async () =>
        {
            for (var i = 1_000; !stop.IsCancellationRequested; i += 20)
            {
                await Task.WhenAll(Enumerable.Range(i, 20).Select(j => full.AppendAsync(Entry(j))));
            }
        });
        var wrong = new List<string>();
        for (var read = 0; read < 300; read++)
        {
            var view = await OtherInstance.ReadViewAsync(AuditFilter.None, 99, 100);
            var left = view.Matching - view.Page * 100;
            if (view.Entries.Count == 0 || view.Entries.Count != Math.Min(100, left)) wrong.Add($"page {view.Page}: {view.Entries.Count} of {view.Matching}");
        }
        await stop.CancelAsync();
        await flood;

        Assert.Empty(wrong);
    }

    private async Task FillAsync(int count, Func<int, AuditEntry> entry)
    {
        for (var start = 0; start < count; start += 100)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(100, count - start)).Select(i => Log.AppendAsync(entry(i))));
        }
    }

    /// <summary>A view of the log, and how many bytes Redis sent its clients meanwhile (the tests of this server run one at a time).</summary>
    private async Task<(AuditView View, long Sent)> ViewAndBytesSentAsync(AuditFilter filter)
    {
        await OtherInstance.ReadViewAsync(filter, 0, 500);
        var before = await BytesSentAsync();
        var view = await OtherInstance.ReadViewAsync(filter, 0, 500);
        return (view, await BytesSentAsync() - before);
    }

    private async Task<long> BytesSentAsync()
    {
        using var admin = await ConnectionMultiplexer.ConnectAsync($"{_redis.Server.ConnectionString},allowAdmin=true");
        var info = await admin.GetServers()[0].InfoAsync("stats");
        return long.Parse(info.SelectMany(group => group).Single(pair => pair.Key == "total_net_output_bytes").Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _otherConnection.Dispose();
}

public sealed class AuditEntryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 21, 40, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("", "staff.added", "ana")]
    [InlineData("cli", "", "ana")]
    [InlineData("cli", "Staff Added", "ana")]
    [InlineData("cli", "staff.added", "ana\nstaff.removed")]
    [InlineData("an\u0000a", "staff.added", "ana")]
    public void An_entry_with_an_empty_actor_an_unplain_action_or_a_control_character_is_refused(string actor, string action, string target)
    {
        Assert.ThrowsAny<ArgumentException>(() => new AuditEntry(Now, actor, action, target));
    }

    [Fact]
    public void An_entry_keeps_its_time_to_the_millisecond_in_utc()
    {
        var entry = new AuditEntry(new DateTimeOffset(2026, 11, 26, 15, 40, 0, 123, TimeSpan.FromHours(-6)).AddTicks(4567), "cli", "staff.added", "ana");

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 21, 40, 0, 123, TimeSpan.Zero), entry.Time);
        Assert.Equal(TimeSpan.Zero, entry.Time.Offset);
    }
}
