using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A check-in timer whose step comes round long after its time because the line was down (or its store did not
/// answer): it still runs, late, and the alert names the time that was due. She could not reach the line to say OK
/// meanwhile, and a late alert is what the check-in is for. Only a step due before the line started on an older copy
/// of its database is not run (<c>OlderCopyPutBackTests</c>): in what the copy lost, she may have ended it.
/// </summary>
public sealed class LateCheckInTests
{
    private const string Texter = "+16305558401";
    private const string Contact = "+16305558402";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    private static async Task WithContactAsync(CheckInLine line)
    {
        await line.Phone(Texter).TextAsync("hi");
        await line.Phone(Texter).TextAsync("BUDDY (630) 555-8402 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");
        await line.PassesAsync();
    }

    [Fact]
    public async Task A_check_in_found_two_days_past_its_time_after_an_outage_still_texts_her_then_alerts_her_contact()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        await WithContactAsync(line);
        await line.Phone(Texter).TextAsync("CHECK 30");

        line.Factory.Clock.Advance(TimeSpan.FromDays(2)); // no pass ran: the line was down
        await line.PassesAsync();
        Assert.Equal(English.CheckInDue, line.SentTo(Texter)[^1]);
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        await line.PassesAsync();

        Assert.StartsWith("Westmont Text Line: Ana has not checked in since 6:30 AM on Nov 26. ", line.SentTo(Contact)[^1]);
        Assert.Contains("(6:30 AM on Nov 26)", Assert.Single(line.SentTo(CheckInLine.StaffNumber)));
    }

    [Fact]
    public async Task An_alert_found_a_day_past_the_grace_after_an_outage_is_still_sent()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        await WithContactAsync(line);
        await line.Phone(Texter).TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Equal(English.CheckInDue, line.SentTo(Texter)[^1]);

        line.Factory.Clock.Advance(TimeSpan.FromDays(1));
        await line.PassesAsync();
        await line.PassesAsync();

        Assert.StartsWith("Westmont Text Line: Ana has not checked in since 6:30 AM on Nov 26. ", line.SentTo(Contact)[^1]);
    }

    [Fact]
    public async Task A_check_in_twenty_minutes_late_after_an_outage_still_runs_and_alerts_her_contact()
    {
        await using var line = await CheckInLine.StartAsync();
        await WithContactAsync(line);
        await line.Phone(Texter).TextAsync("CHECK 30");

        line.Factory.Clock.Advance(TimeSpan.FromMinutes(50));
        await line.PassesAsync();
        Assert.Equal(English.CheckInDue, line.SentTo(Texter)[^1]);
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();

        Assert.StartsWith("Westmont Text Line: Ana has not checked in since 6:30 AM. ", line.SentTo(Contact)[^1]);
    }
}
