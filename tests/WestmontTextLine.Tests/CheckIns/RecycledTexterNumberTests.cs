using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A texter's number that changes hands: a US carrier gives a disconnected number to someone new no sooner than 45 days
/// after (the FCC's minimum aging, 47 CFR 52.15(f)(1)(ii)). Her plan lives <c>CheckIn:BuddyUnusedFor</c> (30 days) from
/// her own last use of it, so the new owner finds none: her CHECK alerts no stranger, no one's code word is hers by
/// chance. Her contact's YES, which may come weeks after she asked, once restarted those 30 days, and a plan
/// outlived its owner's last text by up to 60 days.
/// </summary>
public sealed class RecycledTexterNumberTests
{
    private const string Texter = "+16305558401";
    private const string Contact = "+16305558402";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task The_new_owner_of_her_number_finds_no_plan_though_her_contact_agreed_weeks_after_she_asked()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var owner = line.Phone(Texter);
        await owner.TextAsync("hi");
        await owner.TextAsync("BUDDY 630-555-8402 Ana");
        await owner.TextAsync("CODEWORD mango");
        await line.PassesAsync();
        // Her last text to the line. Her contact answers three weeks later.
        await line.AdvanceAsync(TimeSpan.FromDays(20));
        Assert.Equal(English.BuddyThanks, await line.Phone(Contact).TextAsync("YES"));
        await line.PassesAsync();

        // Her phone was disconnected after her last text; 46 days on, her number is someone else's.
        await line.AdvanceAsync(TimeSpan.FromDays(26));
        var newOwner = line.Phone(Texter);
        await newOwner.TextAsync("hi");
        Assert.NotEqual(English.CodeWordAck, await newOwner.TextAsync("mango"));
        Assert.StartsWith("OK. I will text you at", await newOwner.TextAsync("CHECK 30"));
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        await line.PassesAsync();

        Assert.Single(line.SentTo(Contact)); // the request only: no alert about "Ana" to a stranger of the new owner
        Assert.Equal([English.BuddyAgreed, English.CheckInDue, English.CheckInMissed], line.SentTo(Texter));
    }

    [Fact]
    public async Task Her_own_use_keeps_her_plan_as_before()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8402 Ana");
        await line.PassesAsync();
        await line.AdvanceAsync(TimeSpan.FromDays(20));
        await line.Phone(Contact).TextAsync("YES");
        await texter.TextAsync("CODEWORD mango");

        // Her code word at day 25 is her use: her plan is kept 30 days from then.
        await line.AdvanceAsync(TimeSpan.FromDays(5));
        Assert.Equal(English.CodeWordAck, await texter.TextAsync("mango"));
        await line.PassesAsync();
        await line.AdvanceAsync(TimeSpan.FromDays(29));
        Assert.Equal(English.CodeWordAck, await texter.TextAsync("mango"));
        await line.PassesAsync();
        Assert.Equal(3, line.SentTo(Contact).Count); // the request and two alerts
    }

    [Fact]
    public async Task An_alert_sent_days_late_after_the_line_was_down_does_not_keep_her_plan_past_her_own_last_text()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8402 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");
        await texter.TextAsync("CODEWORD mango");
        await texter.TextAsync("CHECK 30"); // her last text to the line

        // The line is down for three days: her check-in text, then her contact's alert, go out late.
        line.Factory.Clock.Advance(TimeSpan.FromDays(3));
        await line.PassesAsync();
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        Assert.Equal(2, line.SentTo(Contact).Count); // the request and the late alert

        // 30 days and a few hours after her own last text, her plan is gone: the alert three days late did not keep it.
        await line.AdvanceAsync(TimeSpan.FromDays(27) + TimeSpan.FromHours(3));
        Assert.NotEqual(English.CodeWordAck, await line.Phone(Texter).TextAsync("mango"));
        await line.PassesAsync();
        Assert.Equal(2, line.SentTo(Contact).Count);
    }

    [Fact]
    public async Task A_lost_contact_heard_of_late_does_not_keep_her_plan_past_her_own_last_text()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8402 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");
        await texter.TextAsync("CODEWORD mango");
        Assert.Equal(English.CodeWordAck, await texter.TextAsync("mango")); // her last text to the line
        await line.PassesAsync();
        var alert = line.Fake.Messages.Single(m => m.To == Contact && m.StatusCallback!.Contains("n=alert_codeword", StringComparison.Ordinal));

        // The carrier's word that the number is gone comes the next day: her contact is taken off, to tell her later.
        await line.AdvanceAsync(TimeSpan.FromDays(1) + TimeSpan.FromHours(20));
        await ProviderTextLine.ReportAsync(line.Phone(Contact), alert.StatusCallback!, alert.Sid, "failed", 30005);
        await line.PassesAsync();
        var onCall = line.SentTo(CheckInLine.StaffNumber).Count;

        // 30 days and a few hours after her own last text, that note no longer keeps her plan: the word alerts no one.
        await line.AdvanceAsync(TimeSpan.FromDays(28) + TimeSpan.FromHours(8));
        Assert.NotEqual(English.CodeWordAck, await line.Phone(Texter).TextAsync("mango"));
        await line.PassesAsync();
        Assert.Equal(onCall, line.SentTo(CheckInLine.StaffNumber).Count);
    }

    [Fact]
    public async Task Her_check_ins_ended_with_ok_keep_her_contact_on_her_plan()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8402 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");

        // A check-in every week, each ended with OK: her contact is never alerted, but she counts on them each time.
        for (var week = 0; week < 5; week++)
        {
            await line.AdvanceAsync(TimeSpan.FromDays(7));
            Assert.StartsWith("OK. I will text you at", await texter.TextAsync("CHECK 30"));
            Assert.Equal(English.CheckInStopped, await texter.TextAsync("OK"));
        }
        await line.AdvanceAsync(TimeSpan.FromDays(7)); // day 42: her last check-in was a week ago
        await texter.TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        Assert.Equal(2, line.SentTo(Contact).Count); // the request, and the alert of the check-in she missed
        Assert.Equal(English.CodeWordSet, await texter.TextAsync("CODEWORD mango"));
    }
}
