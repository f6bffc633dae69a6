using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Her STOP's session saved, but the rest of it lost (her timer and plan not ended): an opt-out held in memory on a
/// full disk, given its last try at a clean stop, whose store took her session and then failed. Her timer still came
/// round after the restart, and its missed check-in would have alerted her contact and the on-call phone about someone
/// who had said STOP. The timer of a texter whose session says she opted out now ends as her STOP would have ended it.
/// </summary>
public sealed class CheckInAfterPartStopTests
{
    [Fact]
    public async Task A_timer_left_by_a_stop_that_saved_only_her_session_alerts_no_one_and_her_plan_ends()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var (texter, _) = await line.AgreedAsync();
        await line.Phone(texter).TextAsync("CHECK 30");
        var sentBefore = line.Fake.Messages.Count;

        var key = await line.OptOutHerSessionOnlyAsync(texter);
        var plans = line.Factory.Services.GetRequiredService<SafetyPlans>();
        Assert.NotNull((await plans.PlanAsync(key, CancellationToken.None))?.Timer);

        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        await line.PassesAsync();

        Assert.Equal(sentBefore, line.Fake.Messages.Count);
        Assert.Empty(line.SentTo(CheckInLine.StaffNumber));
        Assert.Null(await plans.PlanAsync(key, CancellationToken.None));
    }
}
