using System.Security.Cryptography;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// What every session store must do, run against each store by a subclass: SQLite on a temporary file and
/// Redis on a real redis-server. The conversation code relies on exactly this.
/// </summary>
public abstract class SessionStoreContract
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    protected abstract ISessionStore Store { get; }

    /// <summary>A sender key as the line makes them: 64 hex digits of an HMAC.</summary>
    protected static string NewSenderKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    protected static Session NewSession(string node = "main", DateTimeOffset? lastActivity = null) =>
        new(node, "en", lastActivity ?? Now, LastMessageSid: "SM0001", LastReply: "Main menu: reply with a number");

    [Fact]
    public async Task A_sender_with_no_session_loads_as_null()
    {
        Assert.Null(await Store.LoadAsync(NewSenderKey()));
    }

    [Fact]
    public async Task A_new_session_is_inserted_at_version_1_and_loads_back_whole()
    {
        var sender = NewSenderKey();
        var session = new Session("health", "es", Now.AddMilliseconds(123), OptedOut: false,
            LastMessageSid: "SM0042", LastReply: "Salud y pruebas", Choices: "health testing", Version: 0,
            EarlierMessageSids: "SM0041 SM0040");

        Assert.True(await Store.SaveAsync(sender, session));

        Assert.Equal(session with { Version = 1 }, await Store.LoadAsync(sender));
    }

    [Fact]
    public async Task The_answers_read_and_the_handoff_hint_load_back_and_can_be_cleared()
    {
        var sender = NewSenderKey();
        Assert.True(await Store.SaveAsync(sender, NewSession() with { RecentAnswers = "health_testing law_record", Handoff = true }));

        var loaded = (await Store.LoadAsync(sender))!;
        Assert.Equal(("health_testing law_record", true), (loaded.RecentAnswers, loaded.Handoff));

        Assert.True(await Store.SaveAsync(sender, loaded with { RecentAnswers = null, Handoff = false }));
        var cleared = (await Store.LoadAsync(sender))!;
        Assert.Equal(((string?)null, false), (cleared.RecentAnswers, cleared.Handoff));
    }

    [Fact]
    public async Task The_time_of_her_last_opt_in_loads_back_and_the_sweep_strips_it_from_an_idle_opt_out()
    {
        var longAgo = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var (sender, idleOptOut) = (NewSenderKey(), NewSenderKey());
        Assert.True(await Store.SaveAsync(sender, NewSession() with { OptedInAt = Now.AddMilliseconds(-250) }));
        await Store.SaveAsync(idleOptOut, NewSession(lastActivity: longAgo) with { OptedOut = true, OptedInAt = longAgo.AddSeconds(-5) });

        var loaded = (await Store.LoadAsync(sender))!;
        Assert.Equal(Now.AddMilliseconds(-250), loaded.OptedInAt);
        Assert.True(await Store.SaveAsync(sender, loaded with { OptedInAt = null }));
        Assert.Null((await Store.LoadAsync(sender))!.OptedInAt);

        Assert.Equal(1, await Store.PurgeIdleAsync(longAgo.AddDays(30)));
        Assert.Null((await Store.LoadAsync(idleOptOut))!.OptedInAt);
    }

    [Fact]
    public async Task Null_fields_stay_null_and_empty_ones_stay_empty()
    {
        var sender = NewSenderKey();
        var silent = new Session("main", "en", Now, LastMessageSid: "SM0007", LastReply: null, Choices: "");

        Assert.True(await Store.SaveAsync(sender, silent));

        var loaded = await Store.LoadAsync(sender);
        Assert.Null(loaded!.LastReply);
        Assert.Equal("", loaded.Choices);
        Assert.Equal("SM0007", loaded.LastMessageSid);
    }

    [Fact]
    public async Task A_save_over_the_loaded_version_moves_it_on_by_one_and_can_clear_fields()
    {
        var sender = NewSenderKey();
        await Store.SaveAsync(sender, NewSession() with { Choices = "health testing" });
        var loaded = (await Store.LoadAsync(sender))!;

        var next = loaded with { Node = "health", LastMessageSid = "SM0002", LastReply = "Health and testing", Choices = null, LastActivity = Now.AddMinutes(1) };
        Assert.True(await Store.SaveAsync(sender, next));

        Assert.Equal(next with { Version = 2 }, await Store.LoadAsync(sender));
    }

    [Fact]
    public async Task Of_two_saves_over_the_same_loaded_version_only_the_first_is_written()
    {
        var sender = NewSenderKey();
        await Store.SaveAsync(sender, NewSession());
        var first = (await Store.LoadAsync(sender))!;
        var second = (await Store.LoadAsync(sender))!;

        Assert.True(await Store.SaveAsync(sender, first with { Node = "health", LastMessageSid = "SM0002" }));
        Assert.False(await Store.SaveAsync(sender, second with { Node = "law", LastMessageSid = "SM0003" }));

        var stored = (await Store.LoadAsync(sender))!;
        Assert.Equal("health", stored.Node);
        Assert.Equal("SM0002", stored.LastMessageSid);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task A_save_over_a_version_that_was_never_stored_is_refused()
    {
        var sender = NewSenderKey();

        Assert.False(await Store.SaveAsync(sender, NewSession() with { Version = 5 }));
        Assert.Null(await Store.LoadAsync(sender));

        await Store.SaveAsync(sender, NewSession());
        Assert.False(await Store.SaveAsync(sender, NewSession("law") with { Version = 7 }));
        Assert.Equal("main", (await Store.LoadAsync(sender))!.Node);
    }

    [Fact]
    public async Task An_insert_over_an_existing_session_is_refused()
    {
        var sender = NewSenderKey();
        Assert.True(await Store.SaveAsync(sender, NewSession("health")));

        Assert.False(await Store.SaveAsync(sender, NewSession("law")));

        var stored = (await Store.LoadAsync(sender))!;
        Assert.Equal("health", stored.Node);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Of_many_racing_first_saves_exactly_one_wins()
    {
        var sender = NewSenderKey();
        var nodes = Enumerable.Range(1, 8).Select(i => $"node{i}").ToArray();

        var written = await Task.WhenAll(nodes.Select(node => Task.Run(() => Store.SaveAsync(sender, NewSession(node)))));

        Assert.Equal(1, written.Count(w => w));
        var stored = (await Store.LoadAsync(sender))!;
        Assert.Equal(nodes[Array.IndexOf(written, true)], stored.Node);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task The_last_message_sid_and_its_reply_are_kept_to_answer_a_repeat()
    {
        var sender = NewSenderKey();
        await Store.SaveAsync(sender, NewSession() with { LastMessageSid = "SM0001", LastReply = "Main menu" });
        var loaded = (await Store.LoadAsync(sender))!;
        await Store.SaveAsync(sender, loaded with { LastMessageSid = "SM0002", LastReply = "Health and testing" });

        var stored = (await Store.LoadAsync(sender))!;

        Assert.Equal("SM0002", stored.LastMessageSid);
        Assert.Equal("Health and testing", stored.LastReply);
    }

    [Fact]
    public async Task An_opt_out_is_stored_and_an_opt_in_clears_it()
    {
        var sender = NewSenderKey();
        await Store.SaveAsync(sender, NewSession() with { OptedOut = true, LastReply = "You are unsubscribed" });
        var optedOut = (await Store.LoadAsync(sender))!;
        Assert.True(optedOut.OptedOut);

        await Store.SaveAsync(sender, optedOut with { OptedOut = false, LastMessageSid = "SM0002" });

        Assert.False((await Store.LoadAsync(sender))!.OptedOut);
    }

    [Fact]
    public async Task Delete_forgets_the_sender_and_the_next_session_starts_over_at_version_1()
    {
        var sender = NewSenderKey();
        await Store.SaveAsync(sender, NewSession());
        var other = NewSenderKey();
        await Store.SaveAsync(other, NewSession());

        await Store.DeleteAsync(sender);

        Assert.Null(await Store.LoadAsync(sender));
        Assert.NotNull(await Store.LoadAsync(other));
        Assert.True(await Store.SaveAsync(sender, NewSession("health")));
        Assert.Equal(1, (await Store.LoadAsync(sender))!.Version);
    }

    [Fact]
    public async Task Deleting_a_sender_with_no_session_is_harmless()
    {
        await Store.DeleteAsync(NewSenderKey());
    }

    [Fact]
    public async Task Purge_deletes_idle_sessions_and_strips_idle_opt_outs_to_the_flag()
    {
        var longAgo = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var cutoff = longAgo.AddDays(30);
        var (idle, idleOptOut, recent, recentOptOut) = (NewSenderKey(), NewSenderKey(), NewSenderKey(), NewSenderKey());
        await Store.SaveAsync(idle, NewSession(lastActivity: longAgo));
        await Store.SaveAsync(idleOptOut, NewSession(lastActivity: longAgo) with { OptedOut = true, Choices = "a b" });
        await Store.SaveAsync(recent, NewSession(lastActivity: cutoff.AddSeconds(1)));
        await Store.SaveAsync(recentOptOut, NewSession(lastActivity: cutoff.AddSeconds(1)) with { OptedOut = true });

        Assert.Equal(2, await Store.PurgeIdleAsync(cutoff));

        Assert.Null(await Store.LoadAsync(idle));
        var kept = (await Store.LoadAsync(idleOptOut))!;
        Assert.True(kept.OptedOut);
        Assert.Equal((null, null, null), (kept.LastMessageSid, kept.LastReply, kept.Choices));
        // Nor what she was reading, nor when she last texted: kept for good, they would say so for good.
        Assert.Equal((Session.StrippedNode, DateTimeOffset.UnixEpoch), (kept.Node, kept.LastActivity));
        Assert.Equal("en", kept.Language);
        Assert.Equal(2, kept.Version);
        Assert.Equal(NewSession(lastActivity: cutoff.AddSeconds(1)) with { Version = 1 }, await Store.LoadAsync(recent));
        Assert.Equal("SM0001", (await Store.LoadAsync(recentOptOut))!.LastMessageSid);
        Assert.Equal(0, await Store.PurgeIdleAsync(cutoff));
    }

    [Fact]
    public async Task Ping_answers_when_the_store_is_up()
    {
        await Store.PingAsync();
    }
}
