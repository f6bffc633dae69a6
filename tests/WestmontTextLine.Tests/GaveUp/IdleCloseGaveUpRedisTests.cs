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
/// An idle close whose write marking the chat closed hung as Redis froze (SIGSTOP) for 3 seconds: the worker's pass
/// gave up, and Redis ran the write when it resumed. The next pass finds the chat closed: it must still send her the
/// closing text (here the no-reply one, with 911 and the hotline), once, and leave nothing listed or hers.
/// </summary>
public sealed class IdleCloseGaveUpRedisTests : IAsyncLifetime
{
    private const string Texter = "+16305558321";

    private readonly RedisServer _redis = RedisServer.Start();
    private readonly PauseRedisOnce _pause;
    private HandoffLine _line = null!;

    public IdleCloseGaveUpRedisTests() => _pause = new PauseRedisOnce(_redis);

    public async Task InitializeAsync() =>
        _line = await HandoffLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString)
        {
            TestServices = _pause.Install, StorageBudget = ConversationService.StorageBudget,
        });

    [Fact]
    public async Task An_idle_close_whose_closing_write_landed_late_still_sends_her_closing_text_once_and_unlists_the_chat()
    {
        var phone = _line.Phone(Texter);
        await phone.TextAsync("TALK");
        var id = (await _line.OnlyOpenAsync()).Id;

        _line.Factory.Clock.Advance(TimeSpan.FromMinutes(31));
        _pause.Arm(recordKind: HandoffStore.ConversationKind);
        await _line.Factory.Services.GetRequiredService<HandoffWorker>().RunPassAsync(CancellationToken.None);
        await _pause.ResumedAsync();

        // The claimed timer falls due again when its lease ends; later passes change nothing more.
        await _line.AdvanceAsync(HandoffWorker.Lease + TimeSpan.FromSeconds(1));
        await _line.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal([HandoffLine.English.HandoffClosedUnanswered], _line.SentTo(Texter));
        Assert.Empty(await _line.Inbox.ListOpenAsync());
        var conversations = _line.Factory.Services.GetRequiredService<HandoffConversations>();
        var texterKey = _line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
        Assert.Null((await conversations.TexterAsync(texterKey, CancellationToken.None))?.OpenId);
        var closed = await conversations.LoadAsync(id, CancellationToken.None);
        Assert.NotNull(closed);
        Assert.False(closed.IsOpen);
        Assert.Null(closed.TexterNumber);
    }

    public async Task DisposeAsync()
    {
        await _pause.ResumedAsync();
        await _line.DisposeAsync();
        _redis.Dispose();
    }
}
