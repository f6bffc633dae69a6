using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A contact's YES to her request, with their session saved by someone else between its load and its save: the line
/// runs the YES again on the fresh session. Its first run agreed; the second must know that YES as this text's own, not
/// as a second YES ("what this line is to you"): they are thanked, she is told once, and it counts once.
/// </summary>
public sealed class ContactYesAfterVersionConflictTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_contacts_YES_run_again_after_a_version_conflict_is_thanked_and_told_to_her_once(bool onRedis)
    {
        await using var conflicts = await VersionConflictLine.StartAsync(onRedis);
        var line = conflicts.Line;
        var texterNumber = TestNumbers.Next();
        var contactNumber = TestNumbers.Next();
        var texter = line.Phone(texterNumber);
        var contact = line.Phone(contactNumber);
        await texter.TextAsync("hi");
        await texter.TextAsync($"BUDDY {contactNumber} Ana");
        await line.PassesAsync();
        Assert.Equal(English.BuddyRequestReminder, await contact.TextAsync("who is this"));

        conflicts.Sessions.BeatNextSaves(1, meanwhile: () => line.Factory.Clock.Advance(TimeSpan.FromSeconds(30)));
        Assert.Equal(English.BuddyThanks, await contact.TextAsync("YES"));

        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed], line.SentTo(texterNumber));
        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactAgreed));
    }
}
