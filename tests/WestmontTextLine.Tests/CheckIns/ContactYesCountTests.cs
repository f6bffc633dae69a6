using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A safety contact's YES is counted as the contact's agreement (Safety check-ins in the stats), never as a START:
/// the stats' START is a texter back after STOP, and a week of contacts agreeing read as texters coming back.
/// </summary>
public sealed class ContactYesCountTests
{
    private const string Bea = "+16305558401";
    private const string Worker = "+16305558402";
    private const string Ana = "+16305558403";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task A_contacts_yes_counts_as_agreed_and_only_a_texter_back_after_stop_counts_as_a_start()
    {
        await using var line = await CheckInLine.StartAsync();
        var bea = line.Phone(Bea);
        await bea.TextAsync("hi");
        await bea.TextAsync("BUDDY 630-555-8402 Bea");
        await line.PassesAsync();
        Assert.Equal(English.BuddyThanks, await line.Phone(Worker).TextAsync("YES"));
        // A second YES from the contact, who agreed already: what this line is to them, counted as nothing.
        Assert.Equal(English.BuddyContactReply, await line.Phone(Worker).TextAsync("YES"));
        var ana = line.Phone(Ana);
        await ana.TextAsync("hi");
        await ana.TextAsync("STOP");
        await ana.TextAsync("START");

        var counts = await UsageToday.OfAsync(line.Factory);
        Assert.Equal(1, counts.GetValueOrDefault(CheckInMetrics.ContactAgreed));
        Assert.Equal(1, counts.GetValueOrDefault(UsageMetrics.KeywordPrefix + "start"));
    }
}
