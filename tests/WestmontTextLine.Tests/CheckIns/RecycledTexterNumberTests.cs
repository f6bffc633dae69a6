using WestmontTextLine.Flows;
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
}
