using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// A CHECK whose timer was being queued as Redis froze (SIGSTOP) for 3 seconds: she got the fallback ("text again"),
/// so no check-in may run that she was not told of (its missed check-in would alert her contact). The CHECK she sends
/// again sets the one timer.
/// </summary>
public sealed class CheckGaveUpRedisTests : CheckInGaveUpRedisTests
{
    private const string Texter = "+16305558311";

    [Fact]
    public async Task A_CHECK_that_got_the_fallback_leaves_no_timer_once_redis_resumes_and_her_next_CHECK_sets_one()
    {
        var phone = Line.Phone(Texter);
        await phone.TextAsync("hi");

        Pause.Arm(workKind: WorkKinds.CheckIn);
        FallbackReply.AssertIsFallback(await phone.TextAsync("CHECK 20"));
        await Pause.ResumedAsync();
        var texterKey = Line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
        Assert.Null(await Line.Factory.Services.GetRequiredService<IScheduledWork>().GetAsync(WorkKinds.CheckIn, texterKey));
        await Line.AdvanceAsync(TimeSpan.FromMinutes(21));
        Assert.Empty(Line.SentTo(Texter));

        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 20")));
        await Line.AdvanceAsync(TimeSpan.FromMinutes(21));
        Assert.Equal([EngineHarness.Flow.Language("en").Messages.CheckInDue], Line.SentTo(Texter));
    }

    /// <summary>
    /// Moving a timer she already had cancels the old one first: a move lost with its text would leave her with no
    /// check-in at all while she counts on the one her last answered CHECK set, so a move is queued late rather than never.
    /// </summary>
    [Fact]
    public async Task A_CHECK_moving_her_running_timer_that_got_the_fallback_still_leaves_her_a_check_in()
    {
        var phone = Line.Phone(Texter);
        await phone.TextAsync("hi");
        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 60")));

        Pause.Arm(workKind: WorkKinds.CheckIn);
        FallbackReply.AssertIsFallback(await phone.TextAsync("CHECK 20"));
        await Pause.ResumedAsync();
        await Line.AdvanceAsync(TimeSpan.FromMinutes(61));

        Assert.Equal([EngineHarness.Flow.Language("en").Messages.CheckInDue], Line.SentTo(Texter));
    }
}
