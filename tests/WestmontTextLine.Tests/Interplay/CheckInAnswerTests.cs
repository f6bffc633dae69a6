using WestmontTextLine.Flows;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Interplay;

/// <summary>
/// The check-in text asks "Reply OK if you are all right." Her answer that she is not ("no", "not ok") is the
/// emergency's, not the menu's "did not understand"; and her timer runs on, so her contact is still alerted.
/// </summary>
public sealed class CheckInAnswerTests
{
    private const string Texter = "+16305558551";
    private const string Contact = "+16305558552";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;
    private static Messages Spanish => EngineHarness.Flow.Language("es").Messages;

    [Theory]
    [InlineData("no")]
    [InlineData("NO")]
    [InlineData("not ok")]
    [InlineData("Not okay")]
    [InlineData("nope")]
    [InlineData("no im not")]
    [InlineData("not really")]
    [InlineData("not safe")]
    public async Task Her_no_to_the_check_in_text_gets_the_emergency_reply_and_her_contact_is_still_alerted(string answer)
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8552 Ana");
        await line.PassesAsync();
        Assert.Equal(English.BuddyThanks, await line.Phone(Contact).TextAsync("YES"));
        await texter.TextAsync("CHECK 10");
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
        Assert.Equal(English.CheckInDue, line.SentTo(Texter)[^1]);

        Assert.Equal(English.Emergency, await texter.TextAsync(answer));

        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
        Assert.StartsWith("Westmont Text Line: Ana has not checked in since 6:10 AM.", line.SentTo(Contact)[^1]);
    }

    [Fact]
    public async Task With_no_contact_the_missed_check_in_text_after_her_no_does_not_say_she_did_not_reply()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("CHECK 10");
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
        Assert.Equal(English.Emergency, await texter.TextAsync("not ok"));

        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();

        // She did reply ("not ok"): what she did not send is the OK.
        Assert.Equal(English.CheckInMissed, line.SentTo(Texter)[^1]);
        Assert.StartsWith("You did not reply OK.", English.CheckInMissed);
        Assert.StartsWith("No respondiste OK.", Spanish.CheckInMissed);
        Assert.StartsWith("You did not reply OK,", English.CheckInMissedUnreached);
        Assert.StartsWith("No respondiste OK y", Spanish.CheckInMissedUnreached);
    }

    [Fact]
    public async Task In_spanish_no_gets_the_spanish_emergency_reply()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hola");
        await texter.TextAsync("AVISAME 10");
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();

        Assert.Equal(Spanish.Emergency, await texter.TextAsync("no"));
        Assert.Equal(Spanish.Emergency, await texter.TextAsync("no mucho"));
    }

    [Theory]
    [InlineData("no")]
    [InlineData("not ok")]
    public async Task Before_the_check_in_text_or_with_no_check_in_the_same_words_are_not_an_emergency(string answer)
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        Assert.NotEqual(English.Emergency, await texter.TextAsync(answer));
        await texter.TextAsync("CHECK 10");
        Assert.NotEqual(English.Emergency, await texter.TextAsync(answer));
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
        Assert.Equal(English.CheckInStopped, await texter.TextAsync("ok"));
        Assert.NotEqual(English.Emergency, await texter.TextAsync(answer));
    }
}
