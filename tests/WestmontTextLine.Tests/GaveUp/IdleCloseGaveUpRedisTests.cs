using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// An idle close whose write marking the chat closed hung as Redis froze (SIGSTOP) for 3 seconds: the worker's pass
/// gave up, and Redis ran the write when it resumed. The next pass finds the chat closed: it must still send her the
/// closing text (here the no-reply one, with 911 and the hotline), once, and leave nothing listed or hers.
/// </summary>
public sealed class IdleCloseGaveUpRedisTests : HandoffGaveUpRedisTests
{
    private const string Texter = "+16305558321";

    [Fact]
    public async Task An_idle_close_whose_closing_write_landed_late_still_sends_her_closing_text_once_and_unlists_the_chat()
    {
        var phone = Line.Phone(Texter);
        await phone.TextAsync("TALK");
        var id = (await Line.OnlyOpenAsync()).Id;

        Line.Factory.Clock.Advance(TimeSpan.FromMinutes(31));
        Pause.Arm(recordKind: HandoffStore.ConversationKind);
        await Line.Factory.Services.GetRequiredService<HandoffWorker>().RunPassAsync(CancellationToken.None);
        await Pause.ResumedAsync();

        // The claimed timer falls due again when its lease ends; later passes change nothing more.
        await Line.AdvanceAsync(HandoffWorker.Lease + TimeSpan.FromSeconds(1));
        await Line.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal([HandoffLine.English.HandoffClosedUnanswered], Line.SentTo(Texter));
        Assert.Empty(await Line.Inbox.ListOpenAsync());
        var conversations = Line.Factory.Services.GetRequiredService<HandoffConversations>();
        var texterKey = Line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
        Assert.Null((await conversations.TexterAsync(texterKey, CancellationToken.None))?.OpenId);
        var closed = await conversations.LoadAsync(id, CancellationToken.None);
        Assert.NotNull(closed);
        Assert.False(closed.IsOpen);
        Assert.Null(closed.TexterNumber);
    }
}
