using WestmontTextLine.Flows;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Interplay;

/// <summary>
/// She switches language in the middle of her check-in: every later text to her comes in the language she chose, and
/// every text to her contact in the language they were asked in.
/// </summary>
public sealed class LanguageAcrossFeaturesTests
{
    private const string Texter = "+16305558521";
    private const string Contact = "+16305558522";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;
    private static Messages Spanish => EngineHarness.Flow.Language("es").Messages;

    // The test clock starts at 6:00 AM in Chicago.
    [Fact]
    public async Task After_espanol_her_check_in_texts_are_spanish_and_her_english_contact_is_alerted_in_english()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        Assert.Equal(English.BuddyRequested, await texter.TextAsync("BUDDY 630-555-8522 Ana"));
        await line.PassesAsync();
        Assert.Equal(English.BuddyThanks, await line.Phone(Contact).TextAsync("YES"));
        await line.PassesAsync();

        await texter.TextAsync("ESPANOL");
        Assert.StartsWith("OK. Te escribo a las 6:30.", await texter.TextAsync("AVISAME 30"));
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.PassesAsync();
        Assert.Equal(Spanish.CheckInDue, line.SentTo(Texter)[^1]);

        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
        Assert.StartsWith("Westmont Text Line: Ana has not checked in since 6:30 AM.", line.SentTo(Contact)[^1]);
        Assert.Equal(Spanish.CheckInLateContact, await texter.TextAsync("ESTOY BIEN"));
    }

    [Fact]
    public async Task A_switch_after_the_timer_was_set_reaches_the_check_in_text_and_the_missed_text()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hola");
        Assert.StartsWith("OK. Te escribo a las 6:30.", await texter.TextAsync("AVISAME 30"));
        await texter.TextAsync("ENGLISH");

        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.PassesAsync();
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
        Assert.Equal([English.CheckInDue, English.CheckInMissed], line.SentTo(Texter));
    }

    [Fact]
    public async Task Her_contact_agreeing_after_she_switched_is_told_to_her_in_her_new_language()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8522 Ana");
        await line.PassesAsync();
        await texter.TextAsync("ESPANOL");

        Assert.Equal(English.BuddyThanks, await line.Phone(Contact).TextAsync("YES"));
        await line.PassesAsync();
        Assert.Equal([Spanish.BuddyAgreed], line.SentTo(Texter));
    }
    // The request goes in the language of the word she used: BUDDY asks in English, CONTACTO in Spanish. It went in her
    // conversation's language, so a Spanish speaker's English-speaking contact got a Spanish text from an unknown number.
    [Fact]
    public async Task A_spanish_texter_who_writes_BUDDY_asks_her_contact_in_english()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hola");
        Assert.Equal(Spanish.BuddyRequested, await texter.TextAsync("BUDDY 630-555-8522 Mike"));
        await line.PassesAsync();
        Assert.StartsWith("Mike asked the Westmont Text Line to text you", line.SentTo(Contact)[^1]);

        Assert.Equal(English.BuddyThanks, await line.Phone(Contact).TextAsync("yes"));
        await line.PassesAsync();
        Assert.Equal([Spanish.BuddyAgreed], line.SentTo(Texter));
    }

    [Fact]
    public async Task An_english_texter_who_writes_CONTACTO_asks_her_contact_in_spanish()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        Assert.Equal(English.BuddyRequested, await texter.TextAsync("CONTACTO 630-555-8522 Rosa"));
        await line.PassesAsync();
        Assert.StartsWith("Rosa pidio a Westmont Text Line que te escriba", line.SentTo(Contact)[^1]);
    }
}
