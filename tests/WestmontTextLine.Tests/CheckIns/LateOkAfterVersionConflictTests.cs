using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Her OK after her check-in lapsed, with her session saved by someone else between its load and its save: the line
/// runs the OK again on the fresh session. The second run must still find the lapsed check-in's note, so she hears what
/// happened (not the menu's answer to "OK"); the note then goes, and a later OK is the menu's.
/// </summary>
public sealed class LateOkAfterVersionConflictTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_late_OK_run_again_after_a_version_conflict_is_told_the_check_in_lapsed_once(bool onRedis)
    {
        await using var conflicts = await VersionConflictLine.StartAsync(onRedis);
        var line = conflicts.Line;
        var number = TestNumbers.Next();
        var phone = line.Phone(number);
        await phone.TextAsync("hi");
        await phone.TextAsync("CHECK 20");
        await line.AdvanceAsync(TimeSpan.FromMinutes(20));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        conflicts.Sessions.BeatNextSaves(1);
        Assert.Equal(English.CheckInLate, await phone.TextAsync("OK"));

        Assert.NotEqual(English.CheckInLate, await phone.TextAsync("OK"));
    }
}
