using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;

namespace WestmontTextLine.Tests.Console.Audit;

/// <summary>What every audit log must do: in memory, SQLite on a temporary file and a real redis-server.</summary>
public abstract class AuditLogContract
{
    protected const int SmallCapacity = 5;
    protected static readonly DateTimeOffset Now = new(2026, 11, 26, 21, 40, 0, 123, TimeSpan.Zero);

    /// <summary>A log keeping the default capacity.</summary>
    protected abstract IAuditLog Log { get; }

    /// <summary>The same log as another instance of the line sees it.</summary>
    protected abstract IAuditLog OtherInstance { get; }

    /// <summary>A log of its own keeping only <see cref="SmallCapacity"/> entries.</summary>
    protected abstract IAuditLog SmallLog { get; }

    protected static AuditEntry Entry(int i, string action = AuditActions.StaffAdded) => new(Now.AddSeconds(i), $"actor{i}", action, $"target {i}");

    [Fact]
    public async Task Entries_read_back_newest_first_with_every_field()
    {
        await Log.AppendAsync(Entry(1));
        await Log.AppendAsync(Entry(2, AuditActions.StaffReset));
        await Log.AppendAsync(new AuditEntry(Now.ToOffset(TimeSpan.FromHours(-6)), "ana", AuditActions.StaffRemoved, "bo"));

        var entries = await OtherInstance.ReadAsync(10);

        Assert.Equal([new AuditEntry(Now, "ana", AuditActions.StaffRemoved, "bo"), Entry(2, AuditActions.StaffReset), Entry(1)], entries);
        Assert.Equal(TimeSpan.Zero, entries[0].Time.Offset);
    }

    [Fact]
    public async Task A_read_takes_only_the_newest_it_asks_for()
    {
        for (var i = 1; i <= 4; i++) await Log.AppendAsync(Entry(i));

        Assert.Equal([Entry(4), Entry(3)], await Log.ReadAsync(2));
        Assert.Empty(await Log.ReadAsync(0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.ReadAsync(-1));
    }

    [Fact]
    public async Task An_empty_log_reads_as_nothing()
    {
        Assert.Empty(await Log.ReadAsync(100));
    }

    /// <summary>Two sign-in failures of the same unknown name in the same millisecond are two lines, not one.</summary>
    [Fact]
    public async Task Two_entries_alike_are_both_kept()
    {
        var failure = new AuditEntry(Now, "(no such account)", "signin.failed", "");
        await Log.AppendAsync(failure);
        await Log.AppendAsync(failure);

        Assert.Equal([failure, failure], await Log.ReadAsync(10));
        Assert.Equal(2, (await Log.ReadViewAsync(new AuditFilter(Kind: "signin"), 0, 10)).Matching);
    }

    /// <summary>
    /// Work tried again (a write that timed out after it landed) writes its entry under the same once id each time: the
    /// log keeps the first, from any instance; another once id, or none, is an entry of its own.
    /// </summary>
    [Fact]
    public async Task An_entry_written_again_under_its_once_id_is_kept_once()
    {
        var closed = new AuditEntry(Now, "alice", "inbox.closed", "conversation 1 (finished late)");

        await Log.AppendAsync(closed with { OnceId = "inbox.closed:1" });
        await OtherInstance.AppendAsync(closed with { OnceId = "inbox.closed:1" });
        await Log.AppendAsync(closed with { OnceId = "inbox.closed:2" });
        await Log.AppendAsync(closed);

        Assert.Equal([closed, closed, closed], await Log.ReadAsync(10));
        Assert.Equal(3, await Log.CountAsync());
    }

    [Fact]
    public async Task An_entry_with_an_empty_target_is_kept_as_empty()
    {
        await Log.AppendAsync(new AuditEntry(Now, "ana", "signout", ""));

        Assert.Equal("", Assert.Single(await Log.ReadAsync(10)).Target);
    }

    [Fact]
    public async Task Past_its_capacity_the_log_keeps_the_newest_entries()
    {
        for (var i = 1; i <= 8; i++) await SmallLog.AppendAsync(Entry(i));

        Assert.Equal([Entry(8), Entry(7), Entry(6), Entry(5), Entry(4)], await SmallLog.ReadAsync(100));
    }

    [Fact]
    public async Task Entries_appended_at_once_from_two_instances_are_all_kept()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => (i % 2 == 0 ? Log : OtherInstance).AppendAsync(Entry(i)))));

        var entries = await Log.ReadAsync(100);
        Assert.Equal(40, entries.Count);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"actor{i}").Order(), entries.Select(entry => entry.Actor).Order());
    }

    /// <summary>
    /// A busy line (or a script within the limits) writes more than 10,000 lines between a chat and the complaint
    /// about it: the default ceiling keeps them all, and age decides (<see cref="IAuditLog.PurgeOlderThanAsync"/>).
    /// Before, the log kept its newest 10,000 whatever their age.
    /// </summary>
    [Fact]
    public async Task The_default_log_keeps_more_than_ten_thousand_entries()
    {
        const int written = 10_500;
        // 100 at once: 500 appends queued at once on the line's Redis connection (a 1.5 s timeout, as for texters) timed
        // out under a loaded full-suite run; one staff member's actions never come 500 at a time.
        for (var start = 0; start < written; start += 100)
        {
            await Task.WhenAll(Enumerable.Range(start, 100).Select(i => Log.AppendAsync(Entry(i))));
        }

        Assert.Equal(written, await Log.CountAsync());
        var all = new List<AuditEntry>();
        await foreach (var entry in Log.ReadAllAsync()) all.Add(entry);
        Assert.Equal(written, all.Count);
        Assert.Contains(Entry(0), all);
    }

    [Fact]
    public async Task Entries_older_than_the_cutoff_are_purged_and_the_younger_kept_in_order()
    {
        for (var i = 1; i <= 6; i++) await Log.AppendAsync(Entry(i));

        Assert.Equal(3, await OtherInstance.PurgeOlderThanAsync(Now.AddSeconds(4)));

        Assert.Equal([Entry(6), Entry(5), Entry(4)], await Log.ReadAsync(100));
        Assert.Equal(3, await Log.CountAsync());
        Assert.Equal(0, await Log.PurgeOlderThanAsync(Now.AddSeconds(4)));
    }

    [Fact]
    public async Task Read_all_gives_every_entry_newest_first_across_its_parts()
    {
        const int written = 4_100;
        for (var i = 0; i < written; i++) await Log.AppendAsync(Entry(i));

        var all = new List<AuditEntry>();
        await foreach (var entry in OtherInstance.ReadAllAsync()) all.Add(entry);

        Assert.Equal(Enumerable.Range(0, written).Reverse().Select(i => Entry(i)), all);
    }

    [Fact]
    public async Task The_ceiling_is_counted()
    {
        for (var i = 1; i <= 8; i++) await SmallLog.AppendAsync(Entry(i));

        Assert.Equal(SmallCapacity, await SmallLog.CountAsync());
    }

    /// <summary>
    /// The Audit page's view, applied by the store: each filter, alone and together, gives the entries that
    /// <see cref="AuditFilter.Matches"/> picks from the whole log, in order, a page at a time; a page past the end
    /// gives the last; the actors and kinds are the log's.
    /// </summary>
    [Fact]
    public async Task A_view_gives_the_matching_entries_a_page_at_a_time_as_the_filter_means()
    {
        string[] actions = [ConsoleAuditActions.ShiftOn, ConsoleAuditActions.ConversationRead, ConsoleAuditActions.ConversationDeleted, AuditActions.StaffAdded, "signout"];
        for (var i = 0; i < 60; i++)
        {
            await Log.AppendAsync(new AuditEntry(Now.AddHours(i), i % 3 == 0 ? "Ana" : i % 3 == 1 ? "bo" : "cli", actions[i % actions.Length],
                i % 4 == 0 ? "" : i % 4 == 1 ? $"conversation {i:x2} (held by Ana)" : $"conversation {i:x2}ÉTÉ Ünï"));
        }
        var all = new List<AuditEntry>();
        await foreach (var entry in OtherInstance.ReadAllAsync()) all.Add(entry);
        AuditFilter[] filters =
        [
            AuditFilter.None, new(Actor: "ana"), new(Actor: "BO"), new(Kind: "inbox"), new(Kind: "signout"), new(Kind: "staff"), new(Kind: "in"),
            new(TargetContains: "été ü"), new(TargetContains: "CONVERSATION 1"), new(TargetContains: "(HELD by a"), new(TargetContains: "d by ana)"), new(From: Now.AddHours(10), Before: Now.AddHours(30)),
            new(Before: Now.AddHours(5)), new(From: Now.AddHours(55)), new("ana", "inbox", "conv", Now.AddHours(3), Now.AddHours(50)), new(Actor: "nobody"),
        ];
        foreach (var filter in filters)
        {
            var expected = all.Where(filter.Matches).ToList();
            for (var page = 0; page <= 3; page++)
            {
                var view = await OtherInstance.ReadViewAsync(filter, page, 7);
                var shown = Math.Min(page, Math.Max(0, (expected.Count - 1) / 7));
                Assert.True(expected.Count == view.Matching, $"{filter}: {view.Matching} of {expected.Count}");
                Assert.Equal(shown, view.Page);
                Assert.Equal(expected.Skip(shown * 7).Take(7), view.Entries);
            }
        }
        var full = await Log.ReadViewAsync(AuditFilter.None, 99, 7);
        Assert.Equal(8, full.Page);
        Assert.Equal(all.Skip(56), full.Entries);
        Assert.Equal(["Ana", "bo", "cli"], full.Actors.Order(StringComparer.Ordinal));
        Assert.Equal(["inbox", "shift", "signout", "staff"], full.Kinds.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// "To what" on plain targets, with every other filter: what <see cref="AuditFilter.Matches"/> picks, counted once
    /// per entry (a target holding the text twice too), whatever digits or names sit around it.
    /// </summary>
    [Fact]
    public async Task Text_in_the_target_picks_what_the_filter_means_with_every_other_filter()
    {
        string[] actions = [ConsoleAuditActions.ConversationClaimed, ConsoleAuditActions.ShiftOn, AuditActions.StaffAdded, ConsoleAuditActions.ConversationRead];
        for (var i = 0; i < 80; i++)
        {
            await Log.AppendAsync(new AuditEntry(Now.AddMinutes(i), i % 3 == 0 ? "Ana" : i % 3 == 1 ? "bo" : "cli", actions[i % actions.Length],
                i % 5 == 0 ? "" : i % 5 == 1 ? $"conversation {i:x4}1a1a (held by Bo)" : i % 5 == 2 ? $"ana{i}" : $"Conversation {i % 7}{i % 7} to ana"));
        }
        var all = new List<AuditEntry>();
        await foreach (var entry in OtherInstance.ReadAllAsync()) all.Add(entry);
        string[] texts = ["1", "1A", "a", "conversation", "held by bo", "to ANA", "ana1", "00", "zz", "(", " ", "\t", "bo)"];
        var after = Now.AddMinutes(17);
        var before = Now.AddMinutes(61);
        foreach (var text in texts)
        {
            AuditFilter[] filters =
            [
                new(TargetContains: text), new(Actor: "ANA", TargetContains: text), new(Kind: "inbox", TargetContains: text),
                new("bo", "inbox", text), new(TargetContains: text, From: after, Before: before), new("cli", null, text, after),
            ];
            foreach (var filter in filters)
            {
                var expected = all.Where(filter.Matches).ToList();
                foreach (var page in new[] { 0, 1, 5 })
                {
                    var view = await OtherInstance.ReadViewAsync(filter, page, 6);
                    var shown = Math.Min(page, Math.Max(0, (expected.Count - 1) / 6));
                    Assert.True(expected.Count == view.Matching, $"{filter}: {view.Matching} of {expected.Count}");
                    Assert.Equal(shown, view.Page);
                    Assert.Equal(expected.Skip(shown * 6).Take(6), view.Entries);
                }
            }
        }
    }

    /// <summary>
    /// "To what" with letters outside ASCII, in targets and in the text, with the other filters: what
    /// <see cref="AuditFilter.Matches"/> picks (any case: "josé" finds "JOSÉ", "σ" finds "ς"; never an accent
    /// left out: "jose" does not find "José"). On Redis these parts and texts were compared by the line, reading
    /// every part whole; now Redis searches them too, and must pick the same.
    /// </summary>
    [Fact]
    public async Task Text_outside_ascii_in_the_target_picks_what_the_filter_means()
    {
        string[] targets =
        [
            "conversation 5d1c (held by José)", "staff José Núñez", "MARÍA", "maría lópez", "ÑANDÚ", "Σίσυφος", "ΣΊΣΥΦΟΣ", "ǅemal", "𐐨𐐯 and 𐐀",
            "\u212A kelvin", "straße", "İstanbul", "ıi", "jose", "", "Été ü", "ümlaut ÜBER", "日本語 テキスト", "emoji 👍 ok",
        ];
        for (var i = 0; i < 95; i++)
        {
            await Log.AppendAsync(new AuditEntry(Now.AddMinutes(i), i % 3 == 0 ? "José" : i % 3 == 1 ? "bo" : "cli",
                i % 2 == 0 ? ConsoleAuditActions.ConversationRead : AuditActions.StaffAdded, targets[i % targets.Length]));
        }
        var all = new List<AuditEntry>();
        await foreach (var entry in OtherInstance.ReadAllAsync()) all.Add(entry);
        string[] texts =
        [
            "josé", "JOSÉ", "é", "É", "jose", "Ñ", "núñ", "ía", "ría l", "σίσ", "ΣΊΣ", "ς", "ǆ", "Ǆ", "𐐀", "𐐨𐐯", "\u212A", "K", "ß", "ss", "i", "İ", "ı",
            "é ", "(held by josé)", "ÜBER", "über", "日本", "👍", "t\u00e9",
        ];
        foreach (var text in texts)
        {
            AuditFilter[] filters = [new(TargetContains: text), new(Actor: "José", TargetContains: text), new("bo", "inbox", text), new("José", "staff", text, Now.AddMinutes(20))];
            foreach (var filter in filters) await AssertFirstTwoPagesShowAsync(all, filter);
        }
    }

    /// <summary>
    /// "Who" with names outside ASCII, in any case: "JOSÉ" finds José (an account removed and added again as JOSÉ
    /// finds both), "maría" María, "ñuño" Ñuño; "jose" finds neither. SQLite compared them in ASCII only (its NOCASE),
    /// so "JOSÉ" did not find "José" there, while memory and Redis found it.
    /// </summary>
    [Fact]
    public async Task Who_finds_a_name_with_accents_in_any_case()
    {
        string[] actors = ["José", "JOSÉ", "María", "Ñuño", "Ana", "jose"];
        for (var i = 0; i < 36; i++)
        {
            await Log.AppendAsync(new AuditEntry(Now.AddMinutes(i), actors[i % actors.Length],
                i % 2 == 0 ? ConsoleAuditActions.ConversationRead : AuditActions.StaffAdded, $"conversation {i:x2} (held by {actors[(i + 1) % actors.Length]})"));
        }
        var all = new List<AuditEntry>();
        await foreach (var entry in OtherInstance.ReadAllAsync()) all.Add(entry);
        string[] names = ["José", "JOSÉ", "josé", "jose", "JOSE", "MARÍA", "maría", "ñuño", "ÑUÑO", "ANA", "Jos"];
        foreach (var name in names)
        {
            AuditFilter[] filters = [new(Actor: name), new(Actor: name, Kind: "inbox"), new(Actor: name, TargetContains: "HELD BY maría"), new(Actor: name, From: Now.AddMinutes(10))];
            foreach (var filter in filters) await AssertFirstTwoPagesShowAsync(all, filter);
        }
        Assert.Equal(12, all.Count(new AuditFilter(Actor: "JOSÉ").Matches));
    }

    [Fact]
    public async Task A_kind_or_an_actor_whose_last_entry_went_leaves_the_view_s_lists()
    {
        await SmallLog.AppendAsync(new AuditEntry(Now, "gone", "passkey.added", "x"));
        for (var i = 1; i <= SmallCapacity; i++) await SmallLog.AppendAsync(Entry(i));
        await Log.AppendAsync(new AuditEntry(Now.AddDays(-30), "old", "signin.failed", ""));
        await Log.AppendAsync(Entry(1));
        await Log.PurgeOlderThanAsync(Now.AddDays(-1));

        var small = await SmallLog.ReadViewAsync(AuditFilter.None, 0, 10);
        Assert.DoesNotContain("gone", small.Actors);
        Assert.DoesNotContain("passkey", small.Kinds);
        var log = await Log.ReadViewAsync(AuditFilter.None, 0, 10);
        Assert.Equal(["actor1"], log.Actors);
        Assert.Equal(["staff"], log.Kinds);
    }

    /// <summary>
    /// An administrator pages back while staff keep working: an entry appended while the log is read, part after
    /// part, neither shows one twice nor hides one. Before, on Redis, the parts went by position, and each entry
    /// appended meanwhile moved the rest one place on, so one showed twice.
    /// </summary>
    [Fact]
    public async Task An_entry_appended_while_the_log_is_read_neither_repeats_nor_hides_one()
    {
        const int written = 4_100;
        // 100 at once: 500 appends queued at once on the line's Redis connection (a 1.5 s timeout, as for texters) timed
        // out under a loaded full-suite run; one staff member's actions never come 500 at a time.
        for (var start = 0; start < written; start += 100)
        {
            await Task.WhenAll(Enumerable.Range(start, 100).Select(i => Log.AppendAsync(Entry(i))));
        }
        var before = new List<AuditEntry>();
        await foreach (var entry in Log.ReadAllAsync()) before.Add(entry);

        var read = new List<AuditEntry>();
        await foreach (var entry in OtherInstance.ReadAllAsync())
        {
            if (read.Count % 1_000 == 0) await Log.AppendAsync(Entry(written + read.Count));
            read.Add(entry);
        }

        Assert.Equal(read.Count, read.Distinct().Count());
        Assert.Empty(before.Except(read));
    }

    /// <summary>The first two pages of four, read by another instance, show what the filter picks from every entry, and count them.</summary>
    private async Task AssertFirstTwoPagesShowAsync(List<AuditEntry> all, AuditFilter filter)
    {
        var expected = all.Where(filter.Matches).ToList();
        foreach (var page in new[] { 0, 1 })
        {
            var view = await OtherInstance.ReadViewAsync(filter, page, 4);
            var shown = Math.Min(page, Math.Max(0, (expected.Count - 1) / 4));
            Assert.True(expected.Count == view.Matching, $"{filter}: {view.Matching} of {expected.Count}");
            Assert.Equal(shown, view.Page);
            Assert.Equal(expected.Skip(shown * 4).Take(4), view.Entries);
        }
    }
}
