using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// A Twilio retry of one MessageSid reaching two instances on one Redis at the same moment (the load balancer's
/// proxy_next_upstream, or the fallback URL): what the text does besides its session happens once, not once per
/// instance. Found from outside: three instances given one code word at once texted the safety contact three alerts,
/// and a TALK opened two or three conversations in the inbox for one texter.
/// </summary>
public sealed class DuplicateDeliveryRedisTests : IAsyncLifetime
{
    private const string Texter = "+16305558611";
    private const string Contact = "+16305558612";
    private const int Rounds = 6;

    private RedisServer _redis = null!;
    private FakeTwilioApi _fake = null!;

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _fake = await ProviderTextLine.StartFakeAsync();
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task A_code_word_delivered_to_two_instances_at_once_alerts_the_contact_once()
    {
        await using var first = await CheckInLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString), fake: _fake);
        await using var second = await CheckInLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString), fake: _fake);
        var texter = first.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync($"BUDDY {Contact} Ana");
        await second.Phone(Contact).TextAsync("YES");
        await texter.TextAsync("CODEWORD mango");
        await first.PassesAsync();
        var before = first.SentTo(Contact).Count;

        for (var round = 0; round < Rounds; round++)
        {
            var sid = $"SM{Guid.NewGuid():N}";
            var replies = await Task.WhenAll(
                Task.Run(() => first.Phone(Texter).TextAsync("mango", sid)),
                Task.Run(() => second.Phone(Texter).TextAsync("mango", sid)));
            Assert.Equal(replies[0], replies[1]);
            // The code word alerts once in CodeWordAlertsEvery: each round is a new alert only once that has passed.
            first.Factory.Clock.Advance(WestmontTextLine.CheckIns.CheckInAlerts.CodeWordAlertsEvery);
            second.Factory.Clock.Advance(WestmontTextLine.CheckIns.CheckInAlerts.CodeWordAlertsEvery);
        }
        await first.PassesAsync();
        await second.PassesAsync();

        var alerts = first.SentTo(Contact).Skip(before).ToList();
        Assert.Equal(Rounds, alerts.Count);
        Assert.All(alerts, alert => Assert.Contains("code word", alert));
    }

    [Fact]
    public async Task Talk_delivered_to_two_instances_at_once_opens_one_conversation()
    {
        await using var first = await HandoffLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString), fake: _fake);
        await using var second = await HandoffLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString), fake: _fake, onShift: false);
        for (var round = 0; round < Rounds; round++)
        {
            var number = $"+1630555863{round}";
            await first.Phone(number).TextAsync("hi");
            var sid = $"SM{Guid.NewGuid():N}";
            var replies = await Task.WhenAll(
                Task.Run(() => first.Phone(number).TextAsync("TALK", sid)),
                Task.Run(() => second.Phone(number).TextAsync("TALK", sid)));
            Assert.Equal(HandoffLine.English.HandoffOpen, replies[0]);
            Assert.Equal(replies[0], replies[1]);
        }

        var open = await second.Inbox.ListOpenAsync();
        Assert.Equal(Rounds, open.Count);
        Assert.Equal(Rounds, open.Select(conversation => conversation.Pseudonym).Distinct().Count());
    }
}
