using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// A staff member's reply while the Redis that two instances share freezes (SIGSTOP) for 3 seconds as the reply is
/// queued: the console says it failed, and the staff member sends it again.
/// </summary>
public sealed class HandoffRedisPauseTests : IAsyncLifetime
{
    private const string Texter = "+16305558201";

    private readonly RedisServer _redis = RedisServer.Start();
    private readonly PauseRedisOnce _pause;
    private FakeTwilioApi _fake = null!;
    private HandoffLine _texterSide = null!;
    private HandoffLine _staffSide = null!;

    public HandoffRedisPauseTests() => _pause = new PauseRedisOnce(_redis);

    public async Task InitializeAsync()
    {
        _fake = await ProviderTextLine.StartFakeAsync();
        _texterSide = await HandoffLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString), fake: _fake, onShift: false);
        _staffSide = await HandoffLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString) { TestServices = _pause.Install }, fake: _fake,
            onShift: false);
    }

    [Fact]
    public async Task A_reply_that_failed_while_redis_was_paused_and_was_sent_again_reaches_her_once()
    {
        await _staffSide.Shifts.GoOnAsync(HandoffLine.Staff);
        Assert.Equal(HandoffLine.English.HandoffOpen, await _texterSide.Phone(Texter).TextAsync("TALK"));
        var conversation = await _staffSide.OnlyOpenAsync();
        Assert.Equal(InboxOutcome.Done, await _staffSide.Inbox.ClaimAsync(conversation.Id, HandoffLine.Staff));
        Assert.Equal(InboxOutcome.Done, await _staffSide.Inbox.ReplyAsync(conversation.Id, HandoffLine.Staff, "Hello, I am Ana."));

        _pause.Arm(sendLabel: HandoffOutboxIds.Label);
        await Assert.ThrowsAnyAsync<Exception>(() => _staffSide.Inbox.ReplyAsync(conversation.Id, HandoffLine.Staff, "Are you safe now?"));
        await _pause.ResumedAsync();
        Assert.Equal(InboxOutcome.Done, await _staffSide.Inbox.ReplyAsync(conversation.Id, HandoffLine.Staff, "Are you safe now?"));
        foreach (var side in new[] { _texterSide, _staffSide, _texterSide })
        {
            await side.Factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None);
        }

        Assert.Equal(["Hello, I am Ana.", "Are you safe now?"], _staffSide.SentTo(Texter));
        // The one that failed says so, for staff.
        Assert.Equal([InboxDelivery.Sent, InboxDelivery.Failed, InboxDelivery.Sent],
            (await _staffSide.Inbox.MessagesAsync(conversation.Id)).Where(m => m.From == InboxMessageFrom.Staff).Select(m => m.Delivery));
    }

    public async Task DisposeAsync()
    {
        await _pause.ResumedAsync();
        await _texterSide.DisposeAsync();
        await _staffSide.DisposeAsync();
        await _fake.DisposeAsync();
        _redis.Dispose();
    }
}
