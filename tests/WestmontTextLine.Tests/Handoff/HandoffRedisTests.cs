using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// Two instances of the line on one Redis (a redis-server of this test's own), as behind a load balancer: the texter's
/// webhooks reach one, the staff member's console the other.
/// </summary>
public sealed class HandoffRedisTests : IAsyncLifetime
{
    private const string Texter = "+16305558501";
    private const string TexterMarker = "zebra-marker-redis-51 where do I go tomorrow";
    private const string StaffMarker = "okapi-marker-redis-77 text back";

    private RedisServer _redis = null!;
    private FakeTwilioApi _fake = null!;
    private HandoffLine _texterSide = null!;
    private HandoffLine _staffSide = null!;

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _fake = await ProviderTextLine.StartFakeAsync();
        _texterSide = await HandoffLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString), fake: _fake, onShift: false);
        _staffSide = await HandoffLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString), fake: _fake, onShift: false);
    }

    public async Task DisposeAsync()
    {
        await _texterSide.DisposeAsync();
        await _staffSide.DisposeAsync();
        await _fake.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task Texts_on_one_instance_and_the_inbox_on_the_other_meet_in_one_conversation_with_live_events()
    {
        var events = _staffSide.Factory.Services.GetRequiredService<IInboxEvents>();
        Assert.IsType<RedisInboxEvents>(events);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<InboxEvent>();
        var listening = Task.Run(async () =>
        {
            await foreach (var inboxEvent in events.SubscribeAsync(stop.Token)) lock (seen) seen.Add(inboxEvent);
        });
        // Pub/sub reaches only who listens: wait until the subscription hears the texter's instance.
        var texterEvents = _texterSide.Factory.Services.GetRequiredService<IInboxEvents>();
        await Eventually.AfterPassesAsync(() => texterEvents.PublishAsync(new InboxEvent(InboxEventKind.Shift, null)),
            () => { lock (seen) return seen.Count > 0; }, "the subscription");

        await _staffSide.Shifts.GoOnAsync(HandoffLine.Staff);
        Assert.Equal([HandoffLine.Staff], await _texterSide.Shifts.OnShiftAsync());
        var phone = _texterSide.Phone(Texter);
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK"));
        Assert.Null(await phone.TextAsync(TexterMarker));

        var conversation = await _staffSide.OnlyOpenAsync();
        Assert.Equal(_texterSide.PseudonymOf(Texter), conversation.Pseudonym);
        Assert.Equal(TexterMarker, (await _staffSide.Inbox.MessagesAsync(conversation.Id))[^1].Body);
        await Eventually.TrueAsync(() =>
        {
            lock (seen) return seen.Any(e => e == new InboxEvent(InboxEventKind.Opened, conversation.Id))
                && seen.Any(e => e == new InboxEvent(InboxEventKind.Message, conversation.Id));
        }, "the texter's events on the staff member's instance", TimeSpan.FromSeconds(2));

        Assert.Equal(InboxOutcome.Done, await _staffSide.Inbox.ClaimAsync(conversation.Id, HandoffLine.Staff));
        Assert.Equal(InboxOutcome.ClaimedByAnother, await _texterSide.Inbox.ClaimAsync(conversation.Id, HandoffLine.OtherStaff));
        Assert.Equal(InboxOutcome.Done, await _staffSide.Inbox.ReplyAsync(conversation.Id, HandoffLine.Staff, StaffMarker));
        // Whichever instance's outbox runs sends it.
        await _texterSide.Factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None);

        Assert.Equal([StaffMarker], _staffSide.SentTo(Texter));
        Assert.Equal(InboxDelivery.Sent, (await _staffSide.Inbox.MessagesAsync(conversation.Id))[^1].Delivery);
        Assert.Null(await phone.TextAsync("thank you"));
        Assert.Equal("thank you", (await _staffSide.Inbox.MessagesAsync(conversation.Id))[^1].Body);

        await AssertNotInRedisAsync();
        await stop.CancelAsync();
        await listening;
    }

    [Fact]
    public async Task Idle_close_on_either_instance_closes_it_once()
    {
        await _staffSide.Shifts.GoOnAsync(HandoffLine.Staff);
        var phone = _texterSide.Phone(Texter);
        await phone.TextAsync("TALK");

        foreach (var side in new[] { _texterSide, _staffSide }) side.Factory.Clock.Advance(TimeSpan.FromMinutes(31));
        await Task.WhenAll(_texterSide.PassesAsync(), _staffSide.PassesAsync());
        await _texterSide.PassesAsync();
        await _staffSide.PassesAsync();

        Assert.Empty(await _staffSide.Inbox.ListOpenAsync());
        Assert.Equal([HandoffLine.English.HandoffClosedUnanswered], _staffSide.SentTo(Texter));
    }

    /// <summary>Every key of the Redis, and every value in it, holds neither the bodies nor her number.</summary>
    private async Task AssertNotInRedisAsync()
    {
        using var connection = RedisConnection.Connect(_redis.ConnectionString);
        var database = connection.GetDatabase();
        var server = connection.GetServers().Single();
        var dump = new StringBuilder();
        var keys = 0;
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            keys++;
            dump.Append((string?)key).Append('\n');
            switch (await database.KeyTypeAsync(key))
            {
                case RedisType.String:
                    dump.Append(Latin1(await database.StringGetAsync(key)));
                    break;
                case RedisType.Hash:
                    foreach (var entry in await database.HashGetAllAsync(key)) dump.Append(Latin1(entry.Name)).Append(Latin1(entry.Value));
                    break;
                case RedisType.SortedSet:
                    foreach (var entry in await database.SortedSetRangeByRankAsync(key)) dump.Append(Latin1(entry));
                    break;
                case RedisType.Set:
                    foreach (var entry in await database.SetMembersAsync(key)) dump.Append(Latin1(entry));
                    break;
                case RedisType.List:
                    foreach (var entry in await database.ListRangeAsync(key)) dump.Append(Latin1(entry));
                    break;
            }
        }
        Assert.True(keys > 3, $"only {keys} keys");
        var all = dump.ToString();
        Assert.Contains("handoff", all); // the records are there, by kind
        foreach (var secret in new[] { "6305558501", "zebra-marker", "okapi-marker", "go tomorrow", "text back" }) Assert.DoesNotContain(secret, all);
    }

    private static string Latin1(RedisValue value) => value.IsNull ? "" : Encoding.Latin1.GetString((byte[])value!);
}
