using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The SQLite store's in-memory views of sessions live in native memory, as bytes: a session read back must be the
/// one the file would give back, and "holds this session" must mean the same row, nothing looser.
/// </summary>
public sealed class NativeSessionMapTests
{
    private static readonly Session Full = new(
        "health_testing", "es", new DateTimeOffset(2026, 11, 26, 12, 0, 0, 123, TimeSpan.Zero), OptedOut: true,
        LastMessageSid: "SM0123456789abcdef0123456789abcdef", LastReply: "Pruebas gratis y confidenciales: ¿dónde? ✓\n1 Más",
        Choices: "law health", Version: 42, EarlierMessageSids: "SMa SMb SMc", RecentAnswers: "law_police health_testing", Handoff: true);

    private static readonly Session Bare = new("main", "en", new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    private static PackedSenderKey Key(string senderKey) => PackedSenderKey.Of(senderKey);

    [Fact]
    public void Every_field_comes_back_as_it_went_in_including_empty_and_missing_texts()
    {
        using var map = new NativeSessionMap();
        var empty = Bare with { LastReply = "", Choices = "", RecentAnswers = null };
        map.Set(Key("full"), Full);
        map.Set(Key("bare"), Bare);
        map.Set(Key("empty"), empty);

        Assert.True(map.TryGet(Key("full"), out var full));
        Assert.True(map.TryGet(Key("bare"), out var bare));
        Assert.True(map.TryGet(Key("empty"), out var readEmpty));
        Assert.Equal(Full, full);
        Assert.Equal(Bare, bare);
        Assert.Equal(empty, readEmpty);
        Assert.Equal("", readEmpty!.LastReply);
        Assert.Null(readEmpty.RecentAnswers);
    }

    [Theory]
    [InlineData("SM0123456789abcdef0123456789abcdef")]
    [InlineData("SM0123456789abcdef0123456789abcdef SMffffffffffffffffffffffffffffffff SM00000000000000000000000000000000")]
    [InlineData("SM0123456789ABCDEF0123456789abcdef")]
    [InlineData("SM0123456789abcdef0123456789abcde")]
    [InlineData("SM0123456789abcdef0123456789abcdef  SMffffffffffffffffffffffffffffffff")]
    [InlineData("SM0123456789abcdef0123456789abcdef SMa")]
    [InlineData("MM0123456789abcdef0123456789abcdef")]
    [InlineData("SMa SMb")]
    [InlineData("SM0123456789abcdef0123456789abcdef ")]
    [InlineData("")]
    public void Message_sids_come_back_exactly_whether_or_not_they_look_like_twilios(string sids)
    {
        using var map = new NativeSessionMap();
        map.Set(Key("a"), Bare with { LastMessageSid = sids, EarlierMessageSids = sids });

        map.TryGet(Key("a"), out var read);

        Assert.Equal(sids, read!.LastMessageSid);
        Assert.Equal(sids, read.EarlierMessageSids);
    }

    [Fact]
    public void A_session_of_a_texter_mid_conversation_takes_few_bytes()
    {
        var earlier = string.Join(' ', Enumerable.Range(0, Session.EarlierMessageSidsKept).Select(i => $"SM{i:x32}"));
        var midConversation = Full with { EarlierMessageSids = earlier, LastReply = new string('r', 600) };

        // The reply and the node names are shared with every other session holding them; each MessageSid is 16 bytes.
        Assert.True(SessionBlob.LengthOf(midConversation) < 220, $"{SessionBlob.LengthOf(midConversation)} bytes");
    }

    [Fact]
    public void Last_activity_is_kept_to_the_millisecond_in_utc_as_the_file_keeps_it()
    {
        using var map = new NativeSessionMap();
        var chicago = new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.FromHours(-6)).AddTicks(12_345);
        map.Set(Key("a"), Bare with { LastActivity = chicago });

        map.TryGet(Key("a"), out var read);

        Assert.Equal(TimeSpan.Zero, read!.LastActivity.Offset);
        Assert.Equal(chicago.ToUnixTimeMilliseconds(), read.LastActivity.ToUnixTimeMilliseconds());
        Assert.Equal(0, read.LastActivity.UtcTicks % TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public void An_entry_can_say_no_session_which_is_not_the_same_as_no_entry()
    {
        using var map = new NativeSessionMap();
        map.Set(Key("gone"), null);

        Assert.True(map.TryGet(Key("gone"), out var gone));
        Assert.Null(gone);
        Assert.False(map.TryGet(Key("never"), out var never));
        Assert.Null(never);
    }

    [Fact]
    public void Set_replaces_and_says_whether_the_sender_was_new_and_try_add_never_replaces()
    {
        using var map = new NativeSessionMap();

        Assert.True(map.Set(Key("a"), Bare));
        Assert.False(map.Set(Key("a"), Full));
        Assert.False(map.TryAdd(Key("a"), Bare));
        Assert.True(map.TryAdd(Key("b"), null));

        map.TryGet(Key("a"), out var a);
        Assert.Equal(Full, a);
    }

    [Fact]
    public void Move_if_at_moves_the_session_as_it_is_only_while_it_is_at_that_version()
    {
        using var unfolded = new NativeSessionMap();
        using var cache = new NativeSessionMap();
        unfolded.Set(Key("a"), Full);

        Assert.False(unfolded.MoveIfAt(Key("a"), 41, cache));
        Assert.False(unfolded.MoveIfAt(Key("missing"), 42, cache));
        Assert.True(unfolded.TryGet(Key("a"), out _));
        Assert.Equal(0, cache.Count);

        Assert.True(unfolded.MoveIfAt(Key("a"), 42, cache));

        Assert.False(unfolded.TryGet(Key("a"), out _));
        Assert.True(cache.TryGet(Key("a"), out var moved));
        Assert.Equal(Full, moved);
    }

    [Fact]
    public void Move_if_at_replaces_what_the_destination_held_and_says_it_added_nothing()
    {
        using var unfolded = new NativeSessionMap();
        using var cache = new NativeSessionMap();
        cache.Set(Key("a"), Bare);
        unfolded.Set(Key("a"), Full);

        Assert.False(unfolded.MoveIfAt(Key("a"), 42, cache));

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(Key("a"), out var moved));
        Assert.Equal(Full, moved);
        Assert.False(unfolded.TryGet(Key("a"), out _));
    }

    [Fact]
    public void A_no_session_entry_is_never_moved_as_if_it_held_one()
    {
        using var map = new NativeSessionMap();
        using var cache = new NativeSessionMap();
        map.Set(Key("a"), null);

        Assert.False(map.MoveIfAt(Key("a"), 0, cache));
        Assert.Equal(0, cache.Count);
        Assert.True(map.Remove(Key("a")));
        Assert.False(map.Remove(Key("a")));
    }

    [Fact]
    public void Clear_and_dispose_leave_nothing_and_a_disposed_map_finds_and_keeps_nothing()
    {
        var map = new NativeSessionMap();
        map.Set(Key("a"), Full);
        map.Clear();
        Assert.False(map.TryGet(Key("a"), out _));

        map.Set(Key("b"), Full);
        map.Dispose();
        map.Dispose();

        Assert.False(map.TryGet(Key("b"), out _));
        Assert.False(map.Set(Key("c"), Full));
        Assert.False(map.TryAdd(Key("c"), Full));
        Assert.False(map.TryGet(Key("c"), out _));
    }

    [Fact]
    public async Task Readers_and_a_writer_at_once_always_read_a_whole_session()
    {
        using var map = new NativeSessionMap();
        var sessions = Enumerable.Range(0, 50).Select(i => Full with { Version = i, LastReply = new string('x', i * 40) }).ToArray();
        map.Set(Key("a"), sessions[0]);
        var readersDone = 0;

        var writer = Task.Factory.StartNew(() =>
        {
            var writes = 0;
            while (Volatile.Read(ref readersDone) < 2) map.Set(Key("a"), sessions[writes++ % sessions.Length]);
            return writes;
        }, TaskCreationOptions.LongRunning);
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                Assert.True(map.TryGet(Key("a"), out var read));
                Assert.Equal(sessions[read!.Version], read);
            }
            Interlocked.Increment(ref readersDone);
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(readers);
        Assert.True(await writer > 0);
    }
}
