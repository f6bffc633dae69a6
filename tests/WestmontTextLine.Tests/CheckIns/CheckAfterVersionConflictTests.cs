using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Her session saved by someone else between her CHECK's load and its save (another instance, the carrier's opt-out):
/// the line runs the CHECK again on the fresh session. Its timer was set and queued by the first run, so the second
/// must find it set: one check-in, at the time she was told (not moved by the time the other save took), counted once
/// in the usage stats.
/// </summary>
public sealed class CheckAfterVersionConflictTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_CHECK_run_again_after_a_version_conflict_sets_one_timer_counted_once(bool onRedis)
    {
        await using var conflicts = await VersionConflictLine.StartAsync(onRedis);
        var line = conflicts.Line;
        var number = TestNumbers.Next();
        var phone = line.Phone(number);
        await phone.TextAsync("hi");

        conflicts.Sessions.BeatNextSaves(1, meanwhile: () => line.Factory.Clock.Advance(TimeSpan.FromSeconds(30)));
        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 20")));

        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.Started));
        // The clock stands 30 s after her text: 20 minutes after it is 19 min 30 s away.
        await line.AdvanceAsync(TimeSpan.FromSeconds(19 * 60 + 29));
        Assert.Empty(line.SentTo(number));
        await line.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.Equal([English.CheckInDue], line.SentTo(number));
    }

    /// <summary>A CHECK moving her running timer, run again so: the timer moves once, and each CHECK counts once.</summary>
    [Fact]
    public async Task A_CHECK_moving_her_timer_run_again_after_a_version_conflict_moves_it_once()
    {
        await using var conflicts = await VersionConflictLine.StartAsync();
        var line = conflicts.Line;
        var number = TestNumbers.Next();
        var phone = line.Phone(number);
        await phone.TextAsync("hi");
        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 60")));

        conflicts.Sessions.BeatNextSaves(1);
        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 20")));

        Assert.Equal(2, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.Started));
        await line.AdvanceAsync(TimeSpan.FromMinutes(21));
        Assert.Equal([English.CheckInDue], line.SentTo(number));
        Assert.Equal(English.CheckInStopped, await phone.TextAsync("OK"));
        await line.AdvanceAsync(TimeSpan.FromMinutes(60));
        Assert.Equal([English.CheckInDue], line.SentTo(number));
    }
}
