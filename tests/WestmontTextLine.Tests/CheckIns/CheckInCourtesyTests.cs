using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// "thanks", "bye", "ok" with no check-in running got "Sorry, I did not understand that."; they get "Take care", the
/// menu and 911 (courtesy: in the flow files). Her safety words stay hers: while "Reply OK if you are all right." waits,
/// a "thanks" is not her OK, and gets that her check-in is still on (her contact is still alerted if she never says
/// OK); her code word, even "thanks", still alerts her contact; and after the offer to take a message, "thanks" is not
/// kept as one.
/// </summary>
public sealed class CheckInCourtesyTests
{
    private const string Texter = "+16305558731";
    private const string Contact = "+16305558732";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;
    private static Messages Spanish => EngineHarness.Flow.Language("es").Messages;

    private static async Task<CheckInLine> AgreedAsync(string hello = "hi", string buddy = "BUDDY")
    {
        var line = await CheckInLine.StartAsync();
        await line.Phone(Texter).TextAsync(hello);
        await line.Phone(Texter).TextAsync($"{buddy} 630-555-8732 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");
        return line;
    }

    [Theory]
    [InlineData("thanks")]
    [InlineData("Thank you!")]
    [InlineData("ok bye")]
    [InlineData("what is this")]
    public async Task Thanks_while_the_check_in_text_waits_says_it_is_still_on_and_her_contact_is_still_alerted(string text)
    {
        await using var line = await AgreedAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Equal(English.CheckInDue, line.SentTo(Texter)[^1]);

        Assert.Equal(English.CheckInWaiting, await texter.TextAsync(text));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        Assert.StartsWith("Westmont Text Line: Ana has not checked in", line.SentTo(Contact)[^1]);
    }

    // An hour's check-in outlasts her session (30 minutes idle): her "thanks" or "hi" to the check-in text got the whole
    // welcome, with no word that the check-in still waits for her OK.
    [Theory]
    [InlineData("thanks")]
    [InlineData("hi")]
    [InlineData("what do i do")]
    public async Task After_a_check_in_longer_than_her_session_a_text_to_it_says_it_is_still_on(string text)
    {
        await using var line = await AgreedAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("CHECK 60");
        await line.AdvanceAsync(TimeSpan.FromMinutes(60));
        Assert.Equal(English.CheckInDue, line.SentTo(Texter)[^1]);

        Assert.Equal(English.CheckInWaiting, await texter.TextAsync(text));
        Assert.Equal(English.CheckInStopped, await texter.TextAsync("OK"));
    }

    [Fact]
    public async Task Her_ok_after_the_reminder_ends_the_check_in()
    {
        await using var line = await AgreedAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));

        Assert.Equal(English.CheckInWaiting, await texter.TextAsync("thanks"));
        Assert.Equal(English.CheckInStopped, await texter.TextAsync("OK"));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        Assert.Single(line.SentTo(Contact)); // the request only
    }

    [Fact]
    public async Task Gracias_while_the_spanish_check_in_text_waits_says_so_in_spanish()
    {
        await using var line = await AgreedAsync("hola", "CONTACTO");
        var texter = line.Phone(Texter);
        await texter.TextAsync("AVISAME 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Equal(Spanish.CheckInDue, line.SentTo(Texter)[^1]);

        Assert.Equal(Spanish.CheckInWaiting, await texter.TextAsync("gracias"));
    }

    [Fact]
    public async Task Thanks_before_the_check_in_is_due_is_a_courtesy_and_the_timer_runs_on()
    {
        await using var line = await AgreedAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("CHECK 30");

        Assert.Equal(English.Courtesy, await texter.TextAsync("thanks"));
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));

        Assert.Equal(English.CheckInDue, line.SentTo(Texter)[^1]);
    }

    [Fact]
    public async Task Her_code_word_is_hers_even_when_it_is_thanks()
    {
        await using var line = await AgreedAsync();
        var texter = line.Phone(Texter);
        Assert.Equal(English.CodeWordSet, await texter.TextAsync("CODEWORD thanks"));

        Assert.Equal(English.CodeWordAck, await texter.TextAsync("thanks"));
        await line.PassesAsync();

        Assert.StartsWith("Westmont Text Line: Ana sent their code word", line.SentTo(Contact)[^1]);
    }

    [Fact]
    public async Task Thanks_with_no_plan_is_a_courtesy()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");

        Assert.Equal(English.Courtesy, await texter.TextAsync("thanks"));
        Assert.Equal(English.Courtesy, await texter.TextAsync("OK"));
    }

    [Fact]
    public async Task Thanks_after_the_offer_to_take_a_message_is_not_kept_as_one()
    {
        await using var line = await HandoffLine.StartAsync(onShift: false, takeMessages: true);
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        Assert.Contains(HandoffLine.English.HandoffOffer, await texter.TextAsync("TALK"));

        Assert.Equal(English.Courtesy, await texter.TextAsync("thanks"));
        Assert.Empty(await line.Inbox.ListOpenAsync());
    }
}
