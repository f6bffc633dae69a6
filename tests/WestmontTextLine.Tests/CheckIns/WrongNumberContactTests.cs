using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A number she named that is not her contact answers the request (or an alert) in its own words: "wrong number", "I
/// don't know her", "numero equivocado". That is a no for her: the number leaves her plan, she hears once, in her
/// language, that her contact will not get texts from this line (never what they wrote), and she does not ask it again.
/// The stranger learns nothing more about her. Before, the request stayed open for good, the stranger got a reminder
/// and then "did not understand" with the menu, and she heard nothing, her code word "saved" for a contact who would
/// never agree.
/// </summary>
public sealed class WrongNumberContactTests
{
    private const string Texter = "+16305558601";
    private const string Stranger = "+16305558602";
    private const string Other = "+16305558603";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;
    private static Messages Spanish => EngineHarness.Flow.Language("es").Messages;

    private static async Task<CheckInLine> AskedAsync(string buddyWord = "BUDDY", string hello = "hi")
    {
        var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync(hello);
        await texter.TextAsync($"{buddyWord} 630-555-8602 Ana");
        await line.PassesAsync();
        return line;
    }

    [Theory]
    [InlineData("wrong number")]
    [InlineData("Sorry, WRONG NUMBER!!")]
    [InlineData("I don't know her")]
    [InlineData("i dont know any Ana 🤷")]
    [InlineData("new number who dis")]
    public async Task A_wrong_number_leaves_her_plan_and_she_is_told_once(string answer)
    {
        await using var line = await AskedAsync();

        Assert.Equal(English.BuddyWrongNumberAck, await line.Phone(Stranger).TextAsync(answer));
        await line.PassesAsync();

        Assert.Equal([English.BuddyLeft], line.SentTo(Texter));
        Assert.Equal(English.CodeWordSetNoContact, await line.Phone(Texter).TextAsync("CODEWORD mango"));
        // Said again, it is an ordinary text: she is not told twice.
        Assert.NotEqual(English.BuddyWrongNumberAck, await line.Phone(Stranger).TextAsync("wrong number"));
        await line.PassesAsync();
        Assert.Single(line.SentTo(Texter));
        Assert.Single(line.SentTo(Stranger)); // the request only
    }

    [Theory]
    [InlineData("número equivocado")]
    [InlineData("no la conozco")]
    public async Task A_spanish_request_answered_numero_equivocado_is_told_in_spanish_to_both(string answer)
    {
        await using var line = await AskedAsync("CONTACTO", "hola");

        Assert.Equal(Spanish.BuddyWrongNumberAck, await line.Phone(Stranger).TextAsync(answer));
        await line.PassesAsync();

        Assert.Equal([Spanish.BuddyLeft], line.SentTo(Texter));
    }

    [Fact]
    public async Task She_may_name_someone_else_at_once_but_does_not_ask_the_wrong_number_again()
    {
        await using var line = await AskedAsync();
        await line.Phone(Stranger).TextAsync("wrong number");
        await line.PassesAsync();

        // "You can name someone else with BUDDY": the digit she typed wrong does not cost her the day.
        Assert.Equal(English.BuddyRequested, await line.Phone(Texter).TextAsync("BUDDY 630-555-8603 Ana"));
        await line.PassesAsync();
        await line.Phone(Texter).TextAsync("BUDDY OFF");

        await line.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal(English.BuddyNotAsked, await line.Phone(Texter).TextAsync("BUDDY 630-555-8602 Ana"));
        await line.PassesAsync();
        Assert.Single(line.SentTo(Stranger));
    }

    // "new number" alone is not a stranger: her friend who just got a new number says so ("yes, new number, it's
    // Ana"), and so may her contact after an alert. Read as a wrong number, it told her friend "This number will not get
    // texts for that person", told her that her contact would not get texts, and kept her from asking them for 30 days.
    // "new number who dis" (a stranger asking who writes) still is one.
    [Theory]
    [InlineData("yes, new number, it's Ana")]
    [InlineData("I have a new number")]
    [InlineData("si, numero nuevo, soy Ana")]
    public async Task A_friend_saying_new_number_is_not_a_wrong_number(string answer)
    {
        await using var line = await AskedAsync();

        Assert.Equal(English.BuddyRequestReminder, await line.Phone(Stranger).TextAsync(answer));
        await line.PassesAsync();

        Assert.Empty(line.SentTo(Texter));
        Assert.Equal(English.BuddyThanks, await line.Phone(Stranger).TextAsync("YES"));
    }

    [Theory]
    [InlineData("New number, who dis?")]
    [InlineData("new number who is this")]
    [InlineData("numero nuevo, quien es?")]
    public async Task New_number_asking_who_writes_is_still_a_wrong_number(string answer)
    {
        await using var line = await AskedAsync();

        Assert.Equal(English.BuddyWrongNumberAck, await line.Phone(Stranger).TextAsync(answer));
        await line.PassesAsync();

        Assert.Equal([English.BuddyLeft], line.SentTo(Texter));
    }

    [Fact]
    public async Task A_question_is_answered_with_the_reminder_and_the_request_stays_open()
    {
        await using var line = await AskedAsync();

        Assert.Equal(English.BuddyRequestReminder, await line.Phone(Stranger).TextAsync("who is this?"));
        await line.PassesAsync();

        Assert.Empty(line.SentTo(Texter));
        Assert.Equal(English.BuddyThanks, await line.Phone(Stranger).TextAsync("YES"));
    }

    [Fact]
    public async Task An_agreed_contact_who_answers_an_alert_with_wrong_number_leaves_her_plan()
    {
        await using var line = await AskedAsync();
        Assert.Equal(English.BuddyThanks, await line.Phone(Stranger).TextAsync("YES"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed], line.SentTo(Texter));
        var texter = line.Phone(Texter);
        await texter.TextAsync("CODEWORD mango");
        await line.AdvanceAsync(TimeSpan.FromDays(3)); // the number changed hands
        Assert.Equal(English.CodeWordAck, await texter.TextAsync("mango"));
        await line.PassesAsync();

        Assert.Equal(English.BuddyWrongNumberAck, await line.Phone(Stranger).TextAsync("I don't know who that is"));
        await line.PassesAsync();

        Assert.Equal([English.BuddyAgreed, English.BuddyLeft], line.SentTo(Texter));
        var alerts = line.SentTo(Stranger).Count;
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        await texter.TextAsync("mango");
        await line.PassesAsync();
        Assert.Equal(alerts, line.SentTo(Stranger).Count);
    }

    // Her friend, who agreed, answers her code word's alert as a worried friend does: "I don't know her address", "I
    // don't know her well", "I don't know any details". Each holds "I don't know her" or "I don't know any", and was read
    // as a wrong number: the friend was told "This number will not get texts for that person", taken off her plan, and
    // she was told her contact would not get texts, in the hour she had asked for help.
    [Theory]
    [InlineData("I don't know her address, is she ok?")]
    [InlineData("i dont know her location!! what happened")]
    [InlineData("I dont know her well but I can try calling")]
    [InlineData("i don't know any details, call me")]
    public async Task A_worried_friend_s_words_about_her_are_not_a_wrong_number(string answer)
    {
        await using var line = await AskedAsync();
        Assert.Equal(English.BuddyThanks, await line.Phone(Stranger).TextAsync("YES"));
        await line.PassesAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("CODEWORD mango");
        Assert.Equal(English.CodeWordAck, await texter.TextAsync("mango"));
        await line.PassesAsync();

        Assert.Equal(English.BuddyContactReply, await line.Phone(Stranger).TextAsync(answer));
        await line.PassesAsync();

        Assert.Equal([English.BuddyAgreed], line.SentTo(Texter));
        Assert.Equal(English.CodeWordSet, await texter.TextAsync("CODEWORD kiwi"));
    }

    [Theory]
    [InlineData("I don't know her sorry")]
    [InlineData("i dont know any Ana")]
    public async Task I_dont_know_her_said_of_her_is_still_a_wrong_number(string answer)
    {
        await using var line = await AskedAsync();

        Assert.Equal(English.BuddyWrongNumberAck, await line.Phone(Stranger).TextAsync(answer));
    }

    [Fact]
    public async Task A_wrong_number_for_one_texter_stays_the_contact_of_another_who_knows_them()
    {
        await using var line = await CheckInLine.StartAsync();
        var other = line.Phone(Other);
        await other.TextAsync("hi");
        await other.TextAsync("BUDDY 630-555-8602 Rosa");
        await line.PassesAsync();
        await line.Phone(Stranger).TextAsync("YES");
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8602 Ana");
        await line.PassesAsync();

        Assert.Equal(English.BuddyWrongNumberAck, await line.Phone(Stranger).TextAsync("i dont know her"));
        await line.PassesAsync();

        Assert.Equal([English.BuddyLeft], line.SentTo(Texter));
        Assert.Equal([English.BuddyAgreed], line.SentTo(Other));
        Assert.Equal(English.CodeWordSet, await other.TextAsync("CODEWORD mango"));
    }
}
