using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Her OK, with her session saved by someone else between its load and its save: the line runs the OK again on the
/// fresh session. The second run must still find her timer running, so she is told it stopped (not the menu's answer to
/// "OK"), the timer ends once, and the OK counts once in the usage stats.
/// </summary>
public sealed class OkAfterVersionConflictTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_OK_run_again_after_a_version_conflict_ends_her_check_in_once_and_says_so(bool onRedis)
    {
        await using var conflicts = await VersionConflictLine.StartAsync(onRedis);
        var line = conflicts.Line;
        var number = TestNumbers.Next();
        var phone = line.Phone(number);
        await phone.TextAsync("hi");
        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 20")));

        conflicts.Sessions.BeatNextSaves(1);
        Assert.Equal(English.CheckInStopped, await phone.TextAsync("OK"));

        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.EndedByOk));
        await line.AdvanceAsync(TimeSpan.FromMinutes(21));
        Assert.Empty(line.SentTo(number));
    }
}
