using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// Twilio's retry of her TALK (the same MessageSid, its first answer lost) that comes after staff deleted the chat it
/// opened. No chat holds the text any more, which the line took for an opening that failed: she got the fault text
/// ("a technical problem"), untrue and alarming. She gets what TALK answers now, as a new TALK would: a new chat when
/// someone is on shift, else the honest "no one now".
/// </summary>
public sealed class TalkRetryAfterDeleteTests
{
    private const string Texter = "+16305558371";
    private const string TalkSid = "SM00000000000000000000000000008371";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task A_retry_of_a_TALK_whose_chat_staff_deleted_opens_a_new_chat(string storage)
    {
        using var redis = storage == "redis" ? RedisServer.Start() : null;
        await using var line = await HandoffLine.StartAsync(redis is null ? null : new RedisTextLineFactory(redis.ConnectionString));
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK", TalkSid));
        var deleted = (await line.OnlyOpenAsync()).Id;
        Assert.Equal(InboxOutcome.Done, await line.Inbox.DeleteAsync(deleted, HandoffLine.Staff));

        var retry = await phone.TextAsync("TALK", TalkSid);

        Assert.False(FallbackReply.IsFallback(retry), "the retry got the fault text");
        Assert.Equal(HandoffLine.English.HandoffOpen, retry);
        var opened = await line.OnlyOpenAsync();
        Assert.NotEqual(deleted, opened.Id);
        Assert.Equal(line.PseudonymOf(Texter), opened.Pseudonym);
        // Its own retry again is "connected", by the chat it opened.
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK", TalkSid));
        Assert.Single(await line.Inbox.ListOpenAsync());
    }

    [Fact]
    public async Task A_retry_of_a_TALK_whose_chat_staff_deleted_with_no_one_on_shift_now_gets_what_TALK_says_then()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK", TalkSid));
        Assert.Equal(InboxOutcome.Done, await line.Inbox.DeleteAsync((await line.OnlyOpenAsync()).Id, HandoffLine.Staff));
        await line.Shifts.GoOffAsync(HandoffLine.Staff);

        var retry = await phone.TextAsync("TALK", TalkSid);

        Assert.False(FallbackReply.IsFallback(retry), "the retry got the fault text");
        var another = line.Phone(TestNumbers.Next());
        await another.TextAsync("hi");
        Assert.Equal(await another.TextAsync("TALK"), retry);
        Assert.Empty(await line.Inbox.ListOpenAsync());
    }
}
