using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// She comes back on day 31 after her last use of a plan with a safety contact, which the line has dropped (only her own
/// acts keep it, so that whoever has her number next finds none). Her CHECK got "OK. I will text you at..." and her
/// CODEWORD "Code word saved" as if her contact still counted: a check-in she then missed alerted no one she knew, and
/// nothing had told her. Now her first CHECK or CODEWORD tells her once that her contact was taken off. Her old code
/// word gets "did not understand" with 911, as any word the line does not know: the line no longer knows it, and her
/// phone must not say more with someone watching. Nothing is told after she removed the contact herself, after FORGET,
/// or from day 45, when her number may be someone else's.
/// </summary>
public sealed class LapsedPlanTests
{
    private const string Texter = "+16305558801";
    private const string Contact = "+16305558802";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;
    private static Messages Spanish => EngineHarness.Flow.Language("es").Messages;

    private static async Task<CheckInLine> AgreedAsync(bool spanish = false)
    {
        var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync(spanish ? "hola" : "hi");
        await texter.TextAsync(spanish ? "CONTACTO 630-555-8802 Ana" : "BUDDY 630-555-8802 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync(spanish ? "SI" : "YES");
        await texter.TextAsync(spanish ? "CLAVE mango" : "CODEWORD mango"); // her last use of her plan
        await line.PassesAsync();
        return line;
    }

    [Fact]
    public async Task On_day_31_her_check_tells_her_once_that_her_contact_was_taken_off()
    {
        await using var line = await AgreedAsync();
        var texter = line.Phone(Texter);
        await line.AdvanceAsync(TimeSpan.FromDays(31));

        // Her old code word is a word the line does not know: the welcome, with 911 and DANGER, as any first text.
        var codeWord = await texter.TextAsync("mango");
        Assert.NotEqual(English.CodeWordAck, codeWord);
        Assert.Contains("In danger? Call 911 or text DANGER.", codeWord);
        Assert.StartsWith("OK. I will text you at", await texter.TextAsync("CHECK 30"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed, English.BuddyLapsed], line.SentTo(Texter));

        await texter.TextAsync("CHECK 45");
        Assert.Equal(English.CodeWordSetNoContact, await texter.TextAsync("CODEWORD kiwi"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed, English.BuddyLapsed], line.SentTo(Texter)); // once
        Assert.Single(line.SentTo(Contact)); // the request only
    }

    [Fact]
    public async Task Her_codeword_in_spanish_tells_her_in_spanish()
    {
        await using var line = await AgreedAsync(spanish: true);
        await line.AdvanceAsync(TimeSpan.FromDays(32));

        Assert.Equal(Spanish.CodeWordSetNoContact, await line.Phone(Texter).TextAsync("CLAVE kiwi"));
        await line.PassesAsync();
        Assert.Equal([Spanish.BuddyAgreed, Spanish.BuddyLapsed], line.SentTo(Texter));
    }

    [Theory]
    [InlineData("BUDDY OFF")]
    [InlineData("FORGET")]
    public async Task Nothing_is_told_when_she_ended_it_herself(string ending)
    {
        await using var line = await AgreedAsync();
        await line.Phone(Texter).TextAsync(ending);
        await line.AdvanceAsync(TimeSpan.FromDays(31));

        await line.Phone(Texter).TextAsync("CHECK 30");
        await line.PassesAsync();
        Assert.DoesNotContain(English.BuddyLapsed, line.SentTo(Texter));
    }

    [Fact]
    public async Task From_day_45_her_number_may_be_someone_elses_and_nothing_is_told()
    {
        await using var line = await AgreedAsync();
        await line.AdvanceAsync(TimeSpan.FromDays(45));

        await line.Phone(Texter).TextAsync("CHECK 30");
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed], line.SentTo(Texter));
    }
}
