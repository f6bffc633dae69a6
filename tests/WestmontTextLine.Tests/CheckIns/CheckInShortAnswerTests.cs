using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Flows;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// "Checking in. Reply OK if you are all right." answered the way a phone answers a question, in one thumb: "y",
/// "yeah", "yep", "k", a thumbs-up. Each got "Sorry, I did not understand that." and the menu, her timer ran on, and
/// her contact was alerted ten minutes later that she had not checked in, though she had said she was all right. These
/// answer only that question (her check-in text waiting for her OK), as YES does: before it, "k" or a thumbs-up is her
/// "got it" to "I will text you at 9:40 PM", and must not end the timer she just set. "n" to it is a no.
/// </summary>
public sealed class CheckInShortAnswerTests
{
    private const string Texter = "+16305558711";
    private const string Contact = "+16305558712";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;
    private static Messages Spanish => EngineHarness.Flow.Language("es").Messages;

    private static async Task<CheckInLine> CheckInTextWaitingAsync(string hello = "hi", string buddy = "BUDDY", string check = "CHECK")
    {
        var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync(hello);
        await texter.TextAsync($"{buddy} 630-555-8712 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");
        await texter.TextAsync($"{check} 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        return line;
    }

    [Theory]
    [InlineData("y")]
    [InlineData("Y")]
    [InlineData("yeah")]
    [InlineData("Yep")]
    [InlineData("yup!")]
    [InlineData("ya")]
    [InlineData("yes!!")]
    [InlineData("k")]
    [InlineData("kk")]
    [InlineData("okay")]
    [InlineData("👍")]
    [InlineData("👍🏽")]
    [InlineData("👌")]
    [InlineData("🆗")]
    public async Task Her_short_yes_to_the_check_in_text_ends_it_and_no_one_is_alerted(string answer)
    {
        await using var line = await CheckInTextWaitingAsync();
        var texter = line.Phone(Texter);
        Assert.Equal(English.CheckInDue, line.SentTo(Texter)[^1]);

        Assert.Equal(English.CheckInStopped, await texter.TextAsync(answer));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        Assert.Single(line.SentTo(Contact)); // the request only
    }

    // An iPhone's reaction to an SMS comes as a text: a thumbs-up or a heart tapped on "Reply OK if you are all right."
    // is her yes, a thumbs-down her no. Each got "did not understand", and her contact was alerted.
    [Theory]
    [InlineData("Liked “Checking in. Reply OK if you are all right.”")]
    [InlineData("Loved “Checking in. Reply OK if you are all right.”")]
    [InlineData("Reacted 👍 to “Checking in. Reply OK if you are all right.”")]
    public async Task Her_thumbs_up_tapped_on_the_check_in_text_ends_it(string reaction)
    {
        await using var line = await CheckInTextWaitingAsync();

        Assert.Equal(English.CheckInStopped, await line.Phone(Texter).TextAsync(reaction));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        Assert.Single(line.SentTo(Contact));
    }

    [Theory]
    [InlineData("Disliked “Checking in. Reply OK if you are all right.”")]
    [InlineData("Reacted 👎 to “Checking in. Reply OK if you are all right.”")]
    public async Task Her_thumbs_down_tapped_on_the_check_in_text_is_a_no(string reaction)
    {
        await using var line = await CheckInTextWaitingAsync();

        Assert.Equal(English.Emergency, await line.Phone(Texter).TextAsync(reaction));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        Assert.StartsWith("Westmont Text Line: Ana has not checked in", line.SentTo(Contact)[^1]);
    }

    [Fact]
    public async Task A_reaction_in_spanish_to_the_spanish_check_in_text_ends_it()
    {
        await using var line = await CheckInTextWaitingAsync("hola", "CONTACTO", "AVISAME");

        Assert.Equal(Spanish.CheckInStopped, await line.Phone(Texter).TextAsync($"Le gustó “{Spanish.CheckInDue}”"));
    }

    // "Laughed at", "Emphasized", "Questioned" say neither yes nor no; a like of another text ends nothing either.
    [Theory]
    [InlineData("Questioned “Checking in. Reply OK if you are all right.”")]
    [InlineData("Liked “OK. I will text you at 6:30 AM. Reply OK when you are safe.”")]
    public async Task Other_reactions_do_not_end_it(string reaction)
    {
        await using var line = await CheckInTextWaitingAsync();

        Assert.NotEqual(English.CheckInStopped, await line.Phone(Texter).TextAsync(reaction));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        Assert.StartsWith("Westmont Text Line: Ana has not checked in", line.SentTo(Contact)[^1]);
    }

    [Theory]
    [InlineData("sip")]
    [InlineData("👍")]
    public async Task In_spanish_too(string answer)
    {
        await using var line = await CheckInTextWaitingAsync("hola", "CONTACTO", "AVISAME");
        Assert.Equal(Spanish.CheckInDue, line.SentTo(Texter)[^1]);

        Assert.Equal(Spanish.CheckInStopped, await line.Phone(Texter).TextAsync(answer));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        Assert.Single(line.SentTo(Contact));
    }

    [Theory]
    [InlineData("k")]
    [InlineData("y")]
    [InlineData("👍")]
    public async Task Before_the_check_in_text_her_got_it_does_not_end_the_timer(string answer)
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 30");

        Assert.NotEqual(English.CheckInStopped, await texter.TextAsync(answer));
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));

        Assert.Equal(English.CheckInDue, line.SentTo(Texter)[^1]);
    }

    [Theory]
    [InlineData("n")]
    [InlineData("N!")]
    [InlineData("👎")]
    [InlineData("nooo")]
    [InlineData("no, help")]
    [InlineData("not really ok")]
    [InlineData("not rly")]
    [InlineData("no not ok")]
    [InlineData("nah not good")]
    [InlineData("idk")]
    [InlineData("kinda")]
    [InlineData("👎🏿")]
    public async Task Her_short_no_to_the_check_in_text_gets_the_emergency_reply(string answer)
    {
        await using var line = await CheckInTextWaitingAsync();

        Assert.Equal(English.Emergency, await line.Phone(Texter).TextAsync(answer));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        Assert.StartsWith("Westmont Text Line: Ana has not checked in", line.SentTo(Contact)[^1]);
    }

    // A plan kept from before these words were listed, with one of them as its code word: the word still alerts her
    // contact (CODEWORD yeah now asks for another word, as for any keyword).
    [Fact]
    public async Task A_code_word_chosen_before_the_word_was_listed_still_alerts()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8712 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");
        var key = line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
        await line.Factory.Services.GetRequiredService<SafetyPlans>()
            .UpdatePlanAsync(key, plan => plan! with { CodeWord = "YEAH" }, CancellationToken.None);

        Assert.Equal(English.CodeWordAck, await texter.TextAsync("yeah"));
        await line.PassesAsync();

        Assert.Equal(2, line.SentTo(Contact).Count); // the request, then the code word's alert
        Assert.Equal(English.CodeWordUsage, await texter.TextAsync("CODEWORD yeah"));
    }

    [Fact]
    public async Task Her_no_in_her_words_in_spanish_is_a_no()
    {
        await using var line = await CheckInTextWaitingAsync("hola", "CONTACTO", "AVISAME");

        Assert.Equal(Spanish.Emergency, await line.Phone(Texter).TextAsync("no se"));
        Assert.Equal(Spanish.Emergency, await line.Phone(Texter).TextAsync("noo, ayuda"));
    }

    // With no check-in text waiting, a text opening with "no" is the menu's, as before: a topic, a language, a no thanks.
    [Theory]
    [InlineData("no tengo a donde ir")]
    [InlineData("no hablo ingles")]
    [InlineData("not sure where the clinic is")]
    public async Task A_text_opening_with_no_is_the_menu_s_with_no_check_in_waiting(string text)
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");

        Assert.NotEqual(English.Emergency, await texter.TextAsync(text));
    }

    // Only YES agrees to be someone's contact: "yeah" from a number asked still gets the reminder to reply YES.
    [Fact]
    public async Task A_contact_s_yeah_is_still_not_an_agreement()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8712 Ana");
        await line.PassesAsync();

        Assert.Equal(English.BuddyRequestReminder, await line.Phone(Contact).TextAsync("yeah"));
        await line.PassesAsync();
        Assert.Empty(line.SentTo(Texter));
    }
}
