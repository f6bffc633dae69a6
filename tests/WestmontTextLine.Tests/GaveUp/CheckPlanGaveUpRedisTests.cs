using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// A first CHECK whose timer Redis refused past its deadline (Redis frozen by SIGSTOP for 3 seconds as it was queued):
/// she got the fallback and no check-in will fire. Her safety plan must not say a timer runs: her OK would be told
/// her check-in stopped, her next CHECK would be taken for a move of a running timer, and her number kept for it.
/// </summary>
public sealed class CheckPlanGaveUpRedisTests : CheckInGaveUpRedisTests
{
    private const string Texter = "+16305558341";

    [Fact]
    public async Task A_first_CHECK_that_got_the_fallback_leaves_her_plan_with_no_timer()
    {
        var phone = Line.Phone(Texter);
        await phone.TextAsync("hi");

        Pause.Arm(workKind: WorkKinds.CheckIn);
        FallbackReply.AssertIsFallback(await phone.TextAsync("CHECK 20"));
        await Pause.ResumedAsync();

        var plans = Line.Factory.Services.GetRequiredService<SafetyPlans>();
        var texterKey = Line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
        await Eventually.TrueAsync(async () => (await plans.PlanAsync(texterKey, CancellationToken.None))?.Timer is null,
            "her plan without the timer that was never queued", TimeSpan.FromSeconds(20));
        Assert.NotEqual(EngineHarness.Flow.Language("en").Messages.CheckInStopped, await phone.TextAsync("OK"));
    }

    /// <summary>The usage stats count a check-in started only once its timer is queued: the CHECK sent again, not the one that failed.</summary>
    [Fact]
    public async Task Only_the_CHECK_whose_timer_was_queued_counts_as_started()
    {
        var phone = Line.Phone(Texter);
        await phone.TextAsync("hi");

        Pause.Arm(workKind: WorkKinds.CheckIn);
        FallbackReply.AssertIsFallback(await phone.TextAsync("CHECK 20"));
        await Pause.ResumedAsync();
        Assert.False((await UsageToday.OfAsync(Line.Factory)).ContainsKey(CheckInMetrics.Started));

        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 20")));
        // UsageToday's marker is already written once: wait for this CHECK's count itself.
        var counts = new Dictionary<string, long>();
        await Eventually.TrueAsync(async () => (counts = await UsageToday.OfAsync(Line.Factory)).ContainsKey(CheckInMetrics.Started),
            "the CHECK sent again counted");
        Assert.Equal(1, counts[CheckInMetrics.Started]);
    }
}
