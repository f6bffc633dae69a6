using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A contact's NO to her request, with their session saved by someone else between its load and its save: the line
/// runs the NO again on the fresh session. Its first run declined; the second must know that NO as this text's own, not
/// as a "no" from a number that declined before (the menu's answer): they are told they will get no texts, and she is
/// told once that they said no. Each plan it left counts as a decline once, when the NO is saved: on its run again,
/// and never for a NO that got the fallback.
/// </summary>
public sealed class ContactNoAfterVersionConflictTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_contacts_NO_run_again_after_a_version_conflict_is_acknowledged_and_told_to_her_once(bool onRedis)
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

        conflicts.Sessions.BeatNextSaves(1);
        Assert.Equal(English.BuddyDeclineAck, await contact.TextAsync("NO"));

        await line.PassesAsync();
        Assert.Equal([English.BuddyDeclined], line.SentTo(texterNumber));
        Assert.NotEqual(English.BuddyDeclineAck, await contact.TextAsync("NO"));
        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactDeclined));
    }

    [Fact]
    public async Task A_NO_naming_two_plans_run_again_after_a_version_conflict_counts_both_declines()
    {
        await using var conflicts = await VersionConflictLine.StartAsync();
        var line = conflicts.Line;
        var contactNumber = TestNumbers.Next();
        var contact = line.Phone(contactNumber);
        foreach (var texterNumber in new[] { TestNumbers.Next(), TestNumbers.Next() })
        {
            await line.Phone(texterNumber).TextAsync("hi");
            await line.Phone(texterNumber).TextAsync($"BUDDY {contactNumber} Ana");
        }
        await line.PassesAsync();
        Assert.Equal(English.BuddyRequestReminder, await contact.TextAsync("who is this"));

        conflicts.Sessions.BeatNextSaves(1);
        Assert.Equal(English.BuddyDeclineAck, await contact.TextAsync("NO"));

        Assert.Equal(2, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactDeclined));
    }

    [Fact]
    public async Task A_contacts_NO_that_got_the_fallback_is_not_counted_as_a_decline()
    {
        await using var conflicts = await VersionConflictLine.StartAsync();
        var line = conflicts.Line;
        var texterNumber = TestNumbers.Next();
        var contactNumber = TestNumbers.Next();
        var contact = line.Phone(contactNumber);
        await line.Phone(texterNumber).TextAsync("hi");
        await line.Phone(texterNumber).TextAsync($"BUDDY {contactNumber} Ana");
        await line.PassesAsync();
        Assert.Equal(English.BuddyRequestReminder, await contact.TextAsync("who is this"));

        conflicts.Sessions.BeatNextSaves(int.MaxValue); // every save of the NO loses its version check: the line gives up on it
        FallbackReply.AssertIsFallback(await contact.TextAsync("NO"));
        conflicts.Sessions.BeatNextSaves(0);

        Assert.Equal(0, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactDeclined));
    }
}
