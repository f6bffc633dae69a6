using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// A staff member's Close whose queuing of her closing text hung as Redis froze (SIGSTOP) for 3 seconds, after the chat
/// was written closed: the console is told the close failed, and the rest of the close is done once Redis answers, not
/// when the chat's idle timer next fires (up to Handoff:IdleClose later). She gets the closing text once.
/// </summary>
public sealed class StaffCloseGaveUpRedisTests : HandoffGaveUpRedisTests
{
    private const string Texter = "+16305558341";

    [Fact]
    public async Task A_staff_close_that_stopped_before_her_closing_text_was_queued_sends_it_once_redis_answers_and_once_only()
    {
        await Line.Phone(Texter).TextAsync("TALK");
        var id = (await Line.OnlyOpenAsync()).Id;
        Assert.Equal(InboxOutcome.Done, await Line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hello, I am Ana."));
        await Line.PassesAsync();

        Pause.Arm(sendLabel: "handoff_closed");
        // Not a silent success: the close did not finish, and the console says so.
        await Assert.ThrowsAnyAsync<Exception>(() => Line.Inbox.CloseAsync(id, HandoffLine.Staff));
        await Pause.ResumedAsync();

        // The clock stays well inside the idle time: only the close itself may send her closing text now.
        await Eventually.AfterPassesAsync(Line.PassesAsync, () => Line.SentTo(Texter).Count == 2, "her closing text sent",
            TimeSpan.FromSeconds(30));
        Assert.Empty(await Line.Inbox.ListOpenAsync());
        var conversations = Line.Factory.Services.GetRequiredService<HandoffConversations>();
        var texterKey = Line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
        Assert.Null((await conversations.TexterAsync(texterKey, CancellationToken.None))?.OpenId);
        Assert.Null((await conversations.LoadAsync(id, CancellationToken.None))?.TexterNumber);

        // The idle timer, and the deletion a day on, send nothing more.
        await Line.AdvanceAsync(TimeSpan.FromMinutes(31));
        await Line.AdvanceAsync(HandoffWorker.Lease + TimeSpan.FromSeconds(1));
        await Line.AdvanceAsync(TimeSpan.FromHours(25));
        Assert.Equal(["Hello, I am Ana.", HandoffLine.English.HandoffClosed], Line.SentTo(Texter));
    }
}
