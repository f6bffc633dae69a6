using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A contact's STOP takes them off every plan naming them, for good. The plans it left count as declines once the STOP
/// is saved: a STOP run again after a version conflict counts its first run's (its run again finds no plan left), and
/// a STOP that got the fallback counts none, as no other count in the stats does for a text never saved.
/// </summary>
public sealed class ContactStopAfterVersionConflictTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_contacts_STOP_run_again_after_a_version_conflict_is_told_to_her_and_counted_once(bool onRedis)
    {
        await using var conflicts = await VersionConflictLine.StartAsync(onRedis);
        var line = conflicts.Line;
        var (texterNumber, contactNumber) = await AskedAsync(line);

        conflicts.Sessions.BeatNextSaves(1);
        Assert.Equal(English.StopConfirm, await line.Phone(contactNumber).TextAsync("STOP"));

        await line.PassesAsync();
        Assert.Equal([English.BuddyLeft], line.SentTo(texterNumber));
        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactDeclined));
    }

    [Fact]
    public async Task A_contacts_STOP_that_got_the_fallback_is_not_counted_as_a_decline()
    {
        await using var conflicts = await VersionConflictLine.StartAsync();
        var line = conflicts.Line;
        var (_, contactNumber) = await AskedAsync(line);

        conflicts.Sessions.BeatNextSaves(int.MaxValue); // every save of the STOP loses its version check: the line gives up on it
        FallbackReply.AssertIsFallback(await line.Phone(contactNumber).TextAsync("STOP"));
        conflicts.Sessions.BeatNextSaves(0);

        Assert.Equal(0, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactDeclined));
    }

    /// <summary>A texter who asked a number to be her contact, and that number's session (a text it sent since).</summary>
    private static async Task<(string Texter, string Contact)> AskedAsync(CheckInLine line)
    {
        var texterNumber = TestNumbers.Next();
        var contactNumber = TestNumbers.Next();
        await line.Phone(texterNumber).TextAsync("hi");
        await line.Phone(texterNumber).TextAsync($"BUDDY {contactNumber} Ana");
        await line.PassesAsync();
        Assert.Equal(English.BuddyRequestReminder, await line.Phone(contactNumber).TextAsync("who is this"));
        return (texterNumber, contactNumber);
    }
}
