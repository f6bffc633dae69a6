using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Her CODEWORD, and then her code word itself, each with her session saved by someone else between its load and its
/// save: the line runs each again on the fresh session. Setting the word twice writes the same word; the code word's
/// alert is noted on her plan before the save, and a second alert within ten minutes alerts no one, so the run again
/// gives the same harmless reply and her contact and the on-call phone are alerted once, counted once.
/// </summary>
public sealed class CodeWordAfterVersionConflictTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_code_word_run_again_after_a_version_conflict_alerts_once(bool onRedis)
    {
        await using var conflicts = await VersionConflictLine.StartAsync(onRedis, staff: true);
        var line = conflicts.Line;
        var texterNumber = TestNumbers.Next();
        var contactNumber = TestNumbers.Next();
        var texter = line.Phone(texterNumber);
        await texter.TextAsync("hi");
        await texter.TextAsync($"BUDDY {contactNumber} Ana");
        await line.PassesAsync();
        Assert.Equal(English.BuddyThanks, await line.Phone(contactNumber).TextAsync("YES"));

        conflicts.Sessions.BeatNextSaves(1);
        Assert.Equal(English.CodeWordSet, await texter.TextAsync("CODEWORD pineapple"));
        conflicts.Sessions.BeatNextSaves(1, meanwhile: () => line.Factory.Clock.Advance(TimeSpan.FromSeconds(30)));
        Assert.Equal(English.CodeWordAck, await texter.TextAsync("pineapple"));

        await line.PassesAsync();
        Assert.Equal(2, line.SentTo(contactNumber).Count); // the request, and one alert
        Assert.Single(line.SentTo(CheckInLine.StaffNumber));
        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.CodeWord));
    }
}
