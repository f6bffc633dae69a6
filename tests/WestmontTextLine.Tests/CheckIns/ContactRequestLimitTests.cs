using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// "A texter may ask one contact a day", tried as someone using the line to text strangers would: the limit holds
/// whatever she texts between two requests (BUDDY OFF, STOP and START, FORGET), and (with the code word's) across a restart.
/// </summary>
public sealed class ContactRequestLimitTests
{
    private const string Texter = "+16305558401";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData("BUDDY OFF")]
    [InlineData("STOP", "START")]
    [InlineData("FORGET")]
    [InlineData("FORGET", "STOP", "START", "BUDDY OFF")]
    public async Task A_second_contact_the_same_day_is_not_asked_whatever_she_texts_between(params string[] between)
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        Assert.Equal(English.BuddyRequestedNoName, await texter.TextAsync("BUDDY 630-555-8410"));
        foreach (var text in between) await texter.TextAsync(text);

        Assert.Equal(English.BuddyLimit, await texter.TextAsync("BUDDY 630-555-8411"));
        await line.PassesAsync();
        Assert.Empty(line.SentTo("+16305558411"));

        line.Factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(English.BuddyRequestedNoName, await texter.TextAsync("BUDDY 630-555-8411"));
    }

    [Fact]
    public async Task Ten_requests_with_forget_between_reach_one_stranger_only()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        for (var i = 0; i < 10; i++)
        {
            await texter.TextAsync($"BUDDY 630-555-84{20 + i}");
            // Each request has its second to go out: one still queued at her FORGET is withdrawn (ContactTextsHeldOverStopTests).
            await line.PassesAsync();
            await texter.TextAsync("FORGET");
        }
        await line.PassesAsync();
        var reached = Enumerable.Range(20, 10).Count(i => line.SentTo($"+163055584{i}").Count > 0);
        Assert.Equal(1, reached);
    }

    [Fact]
    public async Task The_limits_hold_across_a_restart_on_the_same_database()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-limits-{Guid.NewGuid():N}.db");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        try
        {
            await using (var line = await CheckInLine.StartAsync(new TextLineFactory { DatabasePath = database, KeepDatabase = true }, staff: true, fake: fake))
            {
                var texter = line.Phone(Texter);
                await texter.TextAsync("hi");
                Assert.Equal(English.BuddyRequestedNoName, await texter.TextAsync("BUDDY 630-555-8410"));
                await texter.TextAsync("CODEWORD mango");
                Assert.Equal(English.CodeWordAck, await texter.TextAsync("mango"));
                await line.PassesAsync();
                await texter.TextAsync("FORGET");
            }
            await using (var line = await CheckInLine.StartAsync(new TextLineFactory { DatabasePath = database, KeepDatabase = true }, staff: true, fake: fake))
            {
                var texter = line.Phone(Texter);
                Assert.Equal(English.BuddyLimit, await texter.TextAsync("BUDDY 630-555-8411"));
                await texter.TextAsync("CODEWORD mango");
                Assert.Equal(English.CodeWordAck, await texter.TextAsync("mango"));
                await line.PassesAsync();
                Assert.Single(line.SentTo(CheckInLine.StaffNumber));
                Assert.Empty(line.SentTo("+16305558411"));
            }
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    [Theory]
    [InlineData("BUDDY 630-555-8412 Police Sex", "en")]
    [InlineData("BUDDY 630-555-8412 Trafficking", "en")]
    [InlineData("CONTACTO 630-555-8412 Policia", "es")]
    public async Task A_name_a_lock_screen_must_not_show_is_left_out_of_the_request(string text, string language)
    {
        // The name opens the request, on a stranger's lock screen: the line's own texts never show these words there.
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync(language == "es" ? "hola" : "hi");
        await texter.TextAsync(text);
        await line.PassesAsync();
        var messages = EngineHarness.Flow.Language(language).Messages;
        Assert.StartsWith(messages.BuddySomeone + " ", Assert.Single(line.SentTo("+16305558412")));
    }

    [Fact]
    public async Task An_ordinary_name_still_opens_the_request()
    {
        await using var line = await CheckInLine.StartAsync();
        await line.Phone(Texter).TextAsync("hi");
        await line.Phone(Texter).TextAsync("BUDDY 630-555-8412 Ana Maria");
        await line.PassesAsync();
        Assert.StartsWith("Ana Maria asked", Assert.Single(line.SentTo("+16305558412")));
    }
}
