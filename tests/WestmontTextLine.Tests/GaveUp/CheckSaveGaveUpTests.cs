using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Flows;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// A first CHECK whose timer was queued, and whose session was then never saved with the reply: every save lost its
/// version check, or Redis froze (SIGSTOP, 3 seconds) as the session was saved. She got the fallback ("text again"),
/// so no check-in may run that she was not told of: its missed check-in would alert her contact. A CHECK moving a
/// timer she had keeps her a check-in: she counts on one.
/// </summary>
public sealed class CheckSaveGaveUpTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task A_first_CHECK_whose_save_lost_every_version_check_leaves_no_timer()
    {
        await using var conflicts = await VersionConflictLine.StartAsync();
        var line = conflicts.Line;
        var number = TestNumbers.Next();
        var phone = line.Phone(number);
        await phone.TextAsync("hi");

        conflicts.Sessions.BeatNextSaves(int.MaxValue);
        FallbackReply.AssertIsFallback(await phone.TextAsync("CHECK 20"));
        conflicts.Sessions.BeatNextSaves(0);

        await AssertNoTimerLeftAsync(line, number);
        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 20")));
        await line.AdvanceAsync(TimeSpan.FromMinutes(21));
        Assert.Equal([English.CheckInDue], line.SentTo(number));
    }

    [Fact]
    public async Task A_first_CHECK_whose_save_hung_in_a_frozen_redis_leaves_no_timer_once_it_resumes()
    {
        using var redis = RedisServer.Start();
        var pause = new PauseRedisOnce(redis);
        await using var line = await CheckInLine.StartAsync(new RedisTextLineFactory(redis.ConnectionString) { TestServices = pause.Install });
        try
        {
            var number = TestNumbers.Next();
            var phone = line.Phone(number);
            await phone.TextAsync("hi");

            pause.Arm(sessionSave: true);
            FallbackReply.AssertIsFallback(await phone.TextAsync("CHECK 20"));
            await pause.ResumedAsync();

            await AssertNoTimerLeftAsync(line, number);
            await line.AdvanceAsync(TimeSpan.FromMinutes(40));
            Assert.Empty(line.SentTo(number));
        }
        finally
        {
            await pause.ResumedAsync();
        }
    }

    [Fact]
    public async Task A_CHECK_moving_her_timer_whose_save_failed_still_leaves_her_one_check_in()
    {
        await using var conflicts = await VersionConflictLine.StartAsync();
        var line = conflicts.Line;
        var number = TestNumbers.Next();
        var phone = line.Phone(number);
        await phone.TextAsync("hi");
        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 60")));

        conflicts.Sessions.BeatNextSaves(int.MaxValue);
        FallbackReply.AssertIsFallback(await phone.TextAsync("CHECK 20"));
        conflicts.Sessions.BeatNextSaves(0);

        await line.AdvanceAsync(TimeSpan.FromMinutes(61));
        Assert.Equal([English.CheckInDue], line.SentTo(number));
    }

    /// <summary>Her plan without the timer, and nothing queued: what is undone is undone in the background.</summary>
    private static async Task AssertNoTimerLeftAsync(CheckInLine line, string number)
    {
        var plans = line.Factory.Services.GetRequiredService<SafetyPlans>();
        var work = line.Factory.Services.GetRequiredService<IScheduledWork>();
        var texterKey = line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(number);
        await Eventually.TrueAsync(async () => (await plans.PlanAsync(texterKey, CancellationToken.None))?.Timer is null
                && await work.GetAsync(WorkKinds.CheckIn, texterKey) is null,
            "her plan without the timer, and no check-in queued", TimeSpan.FromSeconds(20));
    }
}
