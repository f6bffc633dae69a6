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
/// A staff member's Close whose queuing of her closing text hung as Redis froze (SIGSTOP) for 3 seconds, after the chat
/// was written closed: the console is told the close failed, and the rest of the close is done once Redis answers, not
/// when the chat's idle timer next fires (up to Handoff:IdleClose later). She gets the closing text once.
/// </summary>
public sealed class StaffCloseGaveUpRedisTests : IAsyncLifetime
{
    private const string Texter = "+16305558341";

    private readonly RedisServer _redis = RedisServer.Start();
    private readonly PauseRedisOnce _pause;
    private HandoffLine _line = null!;

    public StaffCloseGaveUpRedisTests() => _pause = new PauseRedisOnce(_redis);

    public async Task InitializeAsync() =>
        _line = await HandoffLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString)
        {
            TestServices = _pause.Install, StorageBudget = ConversationService.StorageBudget,
        });

    [Fact]
    public async Task A_staff_close_that_stopped_before_her_closing_text_was_queued_sends_it_once_redis_answers_and_once_only()
    {
        await _line.Phone(Texter).TextAsync("TALK");
        var id = (await _line.OnlyOpenAsync()).Id;
        Assert.Equal(InboxOutcome.Done, await _line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hello, I am Ana."));
        await _line.PassesAsync();

        _pause.Arm(sendLabel: "handoff_closed");
        // Not a silent success: the close did not finish, and the console says so.
        await Assert.ThrowsAnyAsync<Exception>(() => _line.Inbox.CloseAsync(id, HandoffLine.Staff));
        await _pause.ResumedAsync();

        // The clock stays well inside the idle time: only the close itself may send her closing text now.
        await Eventually.AfterPassesAsync(_line.PassesAsync, () => _line.SentTo(Texter).Count == 2, "her closing text sent",
            TimeSpan.FromSeconds(30));
        Assert.Empty(await _line.Inbox.ListOpenAsync());
        var conversations = _line.Factory.Services.GetRequiredService<HandoffConversations>();
        var texterKey = _line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
        Assert.Null((await conversations.TexterAsync(texterKey, CancellationToken.None))?.OpenId);
        Assert.Null((await conversations.LoadAsync(id, CancellationToken.None))?.TexterNumber);

        // The idle timer, and the deletion a day on, send nothing more.
        await _line.AdvanceAsync(TimeSpan.FromMinutes(31));
        await _line.AdvanceAsync(HandoffWorker.Lease + TimeSpan.FromSeconds(1));
        await _line.AdvanceAsync(TimeSpan.FromHours(25));
        Assert.Equal(["Hello, I am Ana.", HandoffLine.English.HandoffClosed], _line.SentTo(Texter));
    }

    public async Task DisposeAsync()
    {
        await _pause.ResumedAsync();
        await _line.DisposeAsync();
        _redis.Dispose();
    }
}
