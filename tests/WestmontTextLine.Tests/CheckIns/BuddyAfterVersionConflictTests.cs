using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Her BUDDY, with her session saved by someone else between its load and its save: the line runs the BUDDY again on
/// the fresh session. Its first run asked her contact; the second must know that request as this text's own, not as
/// her one request of the day ("one person a day"): she is told her contact was asked, they get one request, and it
/// counts once in the usage stats.
/// </summary>
public sealed class BuddyAfterVersionConflictTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_BUDDY_run_again_after_a_version_conflict_asks_her_contact_once(bool onRedis)
    {
        await using var conflicts = await VersionConflictLine.StartAsync(onRedis);
        var line = conflicts.Line;
        var number = TestNumbers.Next();
        var contact = TestNumbers.Next();
        var phone = line.Phone(number);
        await phone.TextAsync("hi");

        conflicts.Sessions.BeatNextSaves(1, meanwhile: () => line.Factory.Clock.Advance(TimeSpan.FromSeconds(30)));
        Assert.Equal(English.BuddyRequested, await phone.TextAsync($"BUDDY {contact} Ana"));

        await line.PassesAsync();
        Assert.StartsWith("Ana asked the Westmont Text Line to text you", Assert.Single(line.SentTo(contact)));
        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactAsked));
        Assert.Equal(English.BuddyThanks, await line.Phone(contact).TextAsync("YES"));
    }
}
