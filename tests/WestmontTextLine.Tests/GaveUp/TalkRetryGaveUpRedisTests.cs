using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// A TALK whose opening hung as Redis froze (SIGSTOP) for 3 seconds got the fallback after her session was saved with
/// "connected" as its reply. Twilio's retry of the same MessageSid (after a network failure) must not tell her she is
/// connected to a conversation that was withdrawn.
/// </summary>
public sealed class TalkRetryGaveUpRedisTests : HandoffGaveUpRedisTests
{
    private const string Texter = "+16305558331";
    private const string TalkSid = "SM00000000000000000000000000008331";

    [Fact]
    public async Task A_retry_of_a_TALK_that_got_the_fallback_is_not_told_she_is_connected()
    {
        var phone = Line.Phone(Texter);
        await phone.TextAsync("hi");

        Pause.Arm(recordKind: HandoffStore.ConversationKind);
        FallbackReply.AssertIsFallback(await phone.TextAsync("TALK", TalkSid));
        await Pause.ResumedAsync();
        var conversations = Line.Factory.Services.GetRequiredService<HandoffConversations>();
        var texterKey = Line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
        await Eventually.TrueAsync(async () =>
            (await conversations.TexterAsync(texterKey, CancellationToken.None))?.OpenId is null && (await Line.Inbox.ListOpenAsync()).Count == 0,
            "the conversation withdrawn", TimeSpan.FromSeconds(20));

        var retry = await phone.TextAsync("TALK", TalkSid);

        Assert.NotEqual(HandoffLine.English.HandoffOpen, retry);
        FallbackReply.AssertIsFallback(retry);
        Assert.Empty(await Line.Inbox.ListOpenAsync());
    }

    /// <summary>A retry of a TALK whose conversation did open still gets the same "connected" reply.</summary>
    [Fact]
    public async Task A_retry_of_a_TALK_that_opened_repeats_its_reply()
    {
        var phone = Line.Phone(Texter);
        await phone.TextAsync("hi");
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK", TalkSid));

        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK", TalkSid));
        Assert.Single(await Line.Inbox.ListOpenAsync());
    }
}
