using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Conversations;
using WestmontTextLine.Handoff;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// A TALK whose opening hung as Redis froze (SIGSTOP) for 3 seconds got the fallback after her session was saved with
/// "connected" as its reply. Twilio's retry of the same MessageSid (after a network failure) must not tell her she is
/// connected to a conversation that was withdrawn.
/// </summary>
public sealed class TalkRetryGaveUpRedisTests : IAsyncLifetime
{
    private const string Texter = "+16305558331";
    private const string TalkSid = "SM00000000000000000000000000008331";

    private readonly RedisServer _redis = RedisServer.Start();
    private readonly PauseRedisOnce _pause;
    private HandoffLine _line = null!;

    public TalkRetryGaveUpRedisTests() => _pause = new PauseRedisOnce(_redis);

    public async Task InitializeAsync() =>
        _line = await HandoffLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString)
        {
            TestServices = _pause.Install, StorageBudget = ConversationService.StorageBudget,
        });

    [Fact]
    public async Task A_retry_of_a_TALK_that_got_the_fallback_is_not_told_she_is_connected()
    {
        var phone = _line.Phone(Texter);
        await phone.TextAsync("hi");

        _pause.Arm(recordKind: HandoffStore.ConversationKind);
        FallbackReply.AssertIsFallback(await phone.TextAsync("TALK", TalkSid));
        await _pause.ResumedAsync();
        var conversations = _line.Factory.Services.GetRequiredService<HandoffConversations>();
        var texterKey = _line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
        await Eventually.TrueAsync(async () =>
            (await conversations.TexterAsync(texterKey, CancellationToken.None))?.OpenId is null && (await _line.Inbox.ListOpenAsync()).Count == 0,
            "the conversation withdrawn", TimeSpan.FromSeconds(20));

        var retry = await phone.TextAsync("TALK", TalkSid);

        Assert.NotEqual(HandoffLine.English.HandoffOpen, retry);
        FallbackReply.AssertIsFallback(retry);
        Assert.Empty(await _line.Inbox.ListOpenAsync());
    }

    /// <summary>A retry of a TALK whose conversation did open still gets the same "connected" reply.</summary>
    [Fact]
    public async Task A_retry_of_a_TALK_that_opened_repeats_its_reply()
    {
        var phone = _line.Phone(Texter);
        await phone.TextAsync("hi");
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK", TalkSid));

        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK", TalkSid));
        Assert.Single(await _line.Inbox.ListOpenAsync());
    }

    public async Task DisposeAsync()
    {
        await _pause.ResumedAsync();
        await _line.DisposeAsync();
        _redis.Dispose();
    }
}
