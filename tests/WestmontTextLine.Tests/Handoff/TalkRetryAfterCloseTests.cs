using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// Twilio's retry of her TALK (the same MessageSid, its first answer lost) that comes after the chat it opened has
/// closed. "Connected" would send her texts to a chat that is over; the fallback ("a technical problem, text again")
/// would be untrue. She was already sent what followed (the closing text, or the answer to her MENU), so the retry gets
/// no reply, and nothing opens.
/// </summary>
public sealed class TalkRetryAfterCloseTests
{
    private const string Texter = "+16305558361";
    private const string TalkSid = "SM00000000000000000000000000008361";

    [Theory]
    [InlineData("staff close")]
    [InlineData("MENU")]
    public async Task A_retry_of_a_TALK_whose_chat_has_since_closed_gets_no_reply(string closedBy)
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK", TalkSid));
        var id = (await line.OnlyOpenAsync()).Id;
        if (closedBy == "MENU") await phone.TextAsync("MENU");
        else Assert.Equal(InboxOutcome.Done, await line.Inbox.CloseAsync(id, HandoffLine.Staff));

        var retry = await phone.TextAsync("TALK", TalkSid);

        Assert.False(FallbackReply.IsFallback(retry), "the retry got the fallback");
        Assert.Null(retry);
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
