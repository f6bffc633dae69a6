using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// Twilio's retry of her TALK (the same MessageSid, its first answer lost) that comes after staff closed the chat it
/// opened. "Connected" would send her texts to a chat that is over; the fallback ("a technical problem") would be
/// untrue and could alarm her; silence would leave her with no answer. She gets the chat's closing text again (true,
/// calm, neutral on a lock screen), and nothing opens.
/// </summary>
public sealed class TalkRetryAfterCloseTests
{
    private const string Texter = "+16305558361";
    private const string TalkSid = "SM00000000000000000000000000008361";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task A_retry_of_a_TALK_whose_chat_staff_have_since_closed_gets_the_closing_text(string storage)
    {
        using var redis = storage == "redis" ? RedisServer.Start() : null;
        await using var line = await HandoffLine.StartAsync(redis is null ? null : new RedisTextLineFactory(redis.ConnectionString));
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK", TalkSid));
        var id = (await line.OnlyOpenAsync()).Id;
        Assert.Equal(InboxOutcome.Done, await line.Inbox.CloseAsync(id, HandoffLine.Staff));
        await line.PassesAsync();
        Assert.Equal([HandoffLine.English.HandoffClosed], line.SentTo(Texter));

        var retry = await phone.TextAsync("TALK", TalkSid);

        Assert.False(FallbackReply.IsFallback(retry), "the retry got the fallback");
        Assert.Equal(HandoffLine.English.HandoffClosed, retry);
        Assert.Empty(await line.Inbox.ListOpenAsync());
        await line.PassesAsync();
        Assert.Equal([HandoffLine.English.HandoffClosed], line.SentTo(Texter));
    }

    /// <summary>A chat the line closed with no word from staff: the retry gets the no-reply text she was sent, not "thank you".</summary>
    [Fact]
    public async Task A_retry_of_a_TALK_whose_chat_idled_out_unanswered_gets_the_no_reply_text()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK", TalkSid));
        await line.AdvanceAsync(TimeSpan.FromMinutes(31));
        Assert.Equal([HandoffLine.English.HandoffClosedUnanswered], line.SentTo(Texter));

        var retry = await phone.TextAsync("TALK", TalkSid);

        Assert.Equal(HandoffLine.English.HandoffClosedUnanswered, retry);
        Assert.Empty(await line.Inbox.ListOpenAsync());
    }

    /// <summary>A retry while the chat is still open repeats "connected", as before.</summary>
    [Fact]
    public async Task A_retry_of_a_TALK_whose_chat_is_open_repeats_connected()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK", TalkSid));

        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK", TalkSid));
        Assert.Single(await line.Inbox.ListOpenAsync());
    }
}
