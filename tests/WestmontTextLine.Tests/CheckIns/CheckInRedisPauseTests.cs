using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Flows;
using WestmontTextLine.Outbound;
using WestmontTextLine.Records;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Two instances of the line on one real redis-server that freezes (SIGSTOP) for 3 seconds at a chosen step of a
/// check-in or a code word, then runs on. A command sent meanwhile times out at its instance, but Redis runs it when it
/// resumes: what the instance took for a failure may have happened after all.
/// </summary>
public sealed class CheckInRedisPauseTests : IAsyncLifetime
{
    private const string Texter = "+16305558101";
    private const string Contact = "+16305558102";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    private readonly RedisServer _redis = RedisServer.Start();
    private readonly PauseRedisOnce _pause;
    private FakeTwilioApi _fake = null!;
    private CheckInLine _one = null!;
    private CheckInLine _two = null!;

    public CheckInRedisPauseTests() => _pause = new PauseRedisOnce(_redis);

    public async Task InitializeAsync()
    {
        _fake = await ProviderTextLine.StartFakeAsync();
        // The text sent as Redis pauses runs on the line's own budget (PauseRedisOnce); the others on the tests' long one.
        _one = await CheckInLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString) { TestServices = _pause.Install }, fake: _fake);
        _two = await CheckInLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString), fake: _fake);
    }

    [Fact]
    public async Task A_check_in_text_whose_queuing_timed_out_while_redis_was_paused_goes_out_once()
    {
        var texter = _one.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 20");

        _pause.Arm(sendLabel: "checkin_due");
        await AdvanceBothAsync(TimeSpan.FromMinutes(20));
        await _pause.ResumedAsync();
        // The timer's lease ends, and either instance may take it again.
        await AdvanceBothAsync(CheckInWorker.Lease + TimeSpan.FromSeconds(5));
        await AdvanceBothAsync(TimeSpan.FromSeconds(5));

        Assert.Equal([English.CheckInDue], _one.SentTo(Texter));
    }

    [Fact]
    public async Task A_missed_check_in_alerts_the_contact_once_when_redis_paused_as_the_alert_was_queued()
    {
        await ContactAgreedAsync();
        await _one.Phone(Texter).TextAsync("CHECK 20");
        await AdvanceBothAsync(TimeSpan.FromMinutes(20));

        _pause.Arm(sendLabel: "alert_missed");
        await AdvanceBothAsync(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(5));
        await _pause.ResumedAsync();
        await AdvanceBothAsync(CheckInWorker.Lease + TimeSpan.FromSeconds(5));
        await AdvanceBothAsync(TimeSpan.FromSeconds(5));

        Assert.Single(_one.SentTo(Contact), text => text.Contains("has not checked in", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("alert")]
    [InlineData("plan")]
    public async Task A_code_word_sent_while_redis_paused_alerts_the_contact_once_when_she_sends_it_again(string pausedAt)
    {
        await ContactAgreedAsync();
        var texter = _one.Phone(Texter);
        Assert.Equal(English.CodeWordSet, await texter.TextAsync("CODEWORD pineapple"));

        if (pausedAt == "alert") _pause.Arm(sendLabel: "alert_codeword");
        else _pause.Arm(recordKind: SafetyPlans.PlanKind);
        var first = await texter.TextAsync("Pineapple");
        await _pause.ResumedAsync();
        await PassesAsync();
        // Told of a technical problem, she sends it again a minute later, to the other instance this time.
        await AdvanceBothAsync(TimeSpan.FromMinutes(1));
        var again = await _two.Phone(Texter).TextAsync("Pineapple");
        await PassesAsync();

        Assert.True(FallbackReply.IsFallback(first) || first == English.CodeWordAck, first);
        Assert.Equal(English.CodeWordAck, again);
        Assert.Single(_one.SentTo(Contact), text => text.Contains("sent their code word", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Her_contact_saying_yes_while_redis_paused_as_she_was_to_be_told_still_reaches_her()
    {
        var texter = _one.Phone(Texter);
        await texter.TextAsync("hi");
        Assert.Equal(English.BuddyRequested, await texter.TextAsync("BUDDY 630-555-8102 Ana"));
        await PassesAsync();

        // Their agreement is in her plan before she is told, and a YES sent again finds nothing left to answer: the text
        // to her must still go out once Redis runs on, though the instance was told it timed out.
        _pause.Arm(sendLabel: "buddy_agreed");
        await _one.Phone(Contact).TextAsync("YES");
        await _pause.ResumedAsync();
        await AdvanceBothAsync(TimeSpan.FromSeconds(5));

        Assert.Equal([English.BuddyAgreed], _one.SentTo(Texter));
    }

    private async Task ContactAgreedAsync()
    {
        var texter = _one.Phone(Texter);
        await texter.TextAsync("hi");
        Assert.Equal(English.BuddyRequested, await texter.TextAsync("BUDDY 630-555-8102 Ana"));
        await PassesAsync();
        Assert.Equal(English.BuddyThanks, await _two.Phone(Contact).TextAsync("YES"));
        await PassesAsync();
    }

    private async Task AdvanceBothAsync(TimeSpan by)
    {
        _one.Factory.Clock.Advance(by);
        _two.Factory.Clock.Advance(by);
        await PassesAsync();
    }

    private async Task PassesAsync()
    {
        await _one.PassesAsync();
        await _two.PassesAsync();
        await _one.PassesAsync();
    }

    public async Task DisposeAsync()
    {
        await _pause.ResumedAsync();
        await _one.DisposeAsync();
        await _two.DisposeAsync();
        await _fake.DisposeAsync();
        _redis.Dispose();
    }
}
