using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// A CHECK whose timer was being queued as Redis froze (SIGSTOP) for 3 seconds: she got the fallback ("text again"),
/// so no check-in may run that she was not told of (its missed check-in would alert her contact). The CHECK she sends
/// again sets the one timer. The line runs on the tests' long storage budget: the queuing fails on Redis's own command
/// timeout, well inside the line's 3 s, and her next texts must not get the fallback because a loaded machine is slow.
/// </summary>
public sealed class CheckGaveUpRedisTests : IAsyncLifetime
{
    private const string Texter = "+16305558311";
    private readonly RedisServer _redis = RedisServer.Start();
    private readonly PauseRedisOnce _pause;
    private CheckInLine _line = null!;

    public CheckGaveUpRedisTests() => _pause = new PauseRedisOnce(_redis);

    public async Task InitializeAsync() =>
        _line = await CheckInLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString) { TestServices = _pause.Install });

    [Fact]
    public async Task A_CHECK_that_got_the_fallback_leaves_no_timer_once_redis_resumes_and_her_next_CHECK_sets_one()
    {
        var phone = _line.Phone(Texter);
        await phone.TextAsync("hi");

        _pause.Arm(workKind: WorkKinds.CheckIn);
        FallbackReply.AssertIsFallback(await phone.TextAsync("CHECK 20"));
        await _pause.ResumedAsync();
        var texterKey = _line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
        Assert.Null(await _line.Factory.Services.GetRequiredService<IScheduledWork>().GetAsync(WorkKinds.CheckIn, texterKey));
        await _line.AdvanceAsync(TimeSpan.FromMinutes(21));
        Assert.Empty(_line.SentTo(Texter));

        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 20")));
        await _line.AdvanceAsync(TimeSpan.FromMinutes(21));
        Assert.Equal([EngineHarness.Flow.Language("en").Messages.CheckInDue], _line.SentTo(Texter));
    }

    /// <summary>
    /// Moving a timer she already had cancels the old one first: a move lost with its text would leave her with no
    /// check-in at all while she counts on the one her last answered CHECK set, so a move is queued late rather than never.
    /// </summary>
    [Fact]
    public async Task A_CHECK_moving_her_running_timer_that_got_the_fallback_still_leaves_her_a_check_in()
    {
        var phone = _line.Phone(Texter);
        await phone.TextAsync("hi");
        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 60")));

        _pause.Arm(workKind: WorkKinds.CheckIn);
        FallbackReply.AssertIsFallback(await phone.TextAsync("CHECK 20"));
        await _pause.ResumedAsync();
        await _line.AdvanceAsync(TimeSpan.FromMinutes(61));

        Assert.Equal([EngineHarness.Flow.Language("en").Messages.CheckInDue], _line.SentTo(Texter));
    }

    public async Task DisposeAsync()
    {
        await _pause.ResumedAsync();
        await _line.DisposeAsync();
        _redis.Dispose();
    }
}
