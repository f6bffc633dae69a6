using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// The safety contact's side, and the line used against people: a contact named by several texters leaves them all
/// (and each is told), a contact who deletes their record is not kept on her plan without her knowing, and the code
/// word cannot turn the line into a stream of alerts.
/// </summary>
public sealed class ContactSideTests
{
    private const string Bea = "+16305558301";
    private const string Al = "+16305558303";
    private const string Worker = "+16305558302";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    /// <summary>Bea's contact (an outreach worker, say) agreed and her code word is set.</summary>
    private static async Task<CheckInLine> AgreedAsync(bool staff = false)
    {
        var line = await CheckInLine.StartAsync(staff: staff);
        var bea = line.Phone(Bea);
        await bea.TextAsync("hi");
        await bea.TextAsync("BUDDY 630-555-8302 Bea");
        await line.PassesAsync();
        Assert.Equal(English.BuddyThanks, await line.Phone(Worker).TextAsync("YES"));
        Assert.Equal(English.CodeWordSet, await bea.TextAsync("CODEWORD mango"));
        await line.PassesAsync();
        return line;
    }

    [Theory]
    [InlineData("NO", true)]
    [InlineData("STOP", false)]
    public async Task A_contact_who_says_no_to_a_second_texter_leaves_the_first_too_and_both_are_told(string answer, bool saidNo)
    {
        await using var line = await AgreedAsync();
        var al = line.Phone(Al);
        await al.TextAsync("hi");
        Assert.Equal(English.BuddyRequested, await al.TextAsync("BUDDY 630-555-8302 Al"));
        await line.PassesAsync();

        // "OK. You will not get these texts." must hold for every texter who named this number.
        await line.Phone(Worker).TextAsync(answer);
        await line.PassesAsync();
        // Only a request answered NO reads "said no"; Bea's contact had agreed, and a STOP is no answer to anyone.
        Assert.Equal([saidNo ? English.BuddyDeclined : English.BuddyLeft], line.SentTo(Al));
        Assert.Equal([English.BuddyAgreed, English.BuddyLeft], line.SentTo(Bea));

        var worker = line.SentTo(Worker).Count;
        await line.Phone(Bea).TextAsync("mango");
        await line.PassesAsync();
        Assert.Equal(worker, line.SentTo(Worker).Count);
        Assert.Equal(English.CodeWordSetNoContact, await line.Phone(Bea).TextAsync("CODEWORD kiwi"));
    }

    [Fact]
    public async Task A_contact_who_texts_forget_is_taken_off_her_plan_and_she_is_told()
    {
        await using var line = await AgreedAsync();

        await line.Phone(Worker).TextAsync("FORGET");
        await line.PassesAsync();

        Assert.Equal([English.BuddyAgreed, English.BuddyLeft], line.SentTo(Bea));
        Assert.Equal(English.CodeWordSetNoContact, await line.Phone(Bea).TextAsync("CODEWORD kiwi"));
    }

    [Fact]
    public async Task A_contact_who_forgets_is_taken_off_every_plan_that_named_them()
    {
        await using var line = await AgreedAsync();
        var al = line.Phone(Al);
        await al.TextAsync("hi");
        await al.TextAsync("BUDDY 630-555-8302 Al");
        await line.PassesAsync();

        await line.Phone(Worker).TextAsync("FORGET");
        await line.PassesAsync();

        Assert.Equal([English.BuddyAgreed, English.BuddyLeft], line.SentTo(Bea));
        Assert.Equal([English.BuddyLeft], line.SentTo(Al));
        var worker = line.SentTo(Worker).Count;
        await line.Phone(Bea).TextAsync("mango");
        await line.PassesAsync();
        Assert.Equal(worker, line.SentTo(Worker).Count);
    }

    [Fact]
    public async Task A_contact_used_for_weeks_can_still_say_no_after_the_month_since_they_were_asked()
    {
        await using var line = await AgreedAsync();
        var bea = line.Phone(Bea);

        // Three weeks on, a missed check-in alerts them: her plan keeps them another month from then.
        await line.AdvanceAsync(TimeSpan.FromDays(21));
        await bea.TextAsync("CHECK 10");
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        await line.PassesAsync();
        Assert.Contains("has not checked in since", line.SentTo(Worker)[^1]);

        await line.AdvanceAsync(TimeSpan.FromDays(14));
        Assert.Equal(English.BuddyDeclineAck, await line.Phone(Worker).TextAsync("NO"));
        await line.PassesAsync();
        Assert.Equal(English.BuddyLeft, line.SentTo(Bea)[^1]); // they had agreed: "said no" would not be what happened
    }

    [Fact]
    public async Task The_code_word_sent_again_and_again_alerts_once_in_ten_minutes()
    {
        await using var line = await AgreedAsync(staff: true);
        var bea = line.Phone(Bea);
        var before = line.SentTo(Worker).Count;

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(English.CodeWordAck, await bea.TextAsync("mango"));
            await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        }
        Assert.Equal(before + 1, line.SentTo(Worker).Count);
        Assert.Single(line.SentTo(CheckInLine.StaffNumber));

        await line.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(English.CodeWordAck, await bea.TextAsync("mango"));
        await line.PassesAsync();
        Assert.Equal(before + 2, line.SentTo(Worker).Count);
        Assert.Equal(2, line.SentTo(CheckInLine.StaffNumber).Count);
    }

    [Fact]
    public async Task A_contact_who_said_no_and_then_texts_forget_is_still_never_asked_again()
    {
        await using var line = await CheckInLine.StartAsync();
        var bea = line.Phone(Bea);
        await bea.TextAsync("hi");
        await bea.TextAsync("BUDDY 630-555-8302 Bea");
        await line.PassesAsync();
        Assert.Equal(English.BuddyDeclineAck, await line.Phone(Worker).TextAsync("NO"));

        await line.Phone(Worker).TextAsync("FORGET");
        line.Factory.Clock.Advance(TimeSpan.FromDays(2));
        var al = line.Phone(Al);
        await al.TextAsync("hi");
        Assert.Equal(English.BuddyNotAsked, await al.TextAsync("BUDDY 630-555-8302 Al"));
        await line.PassesAsync();
        Assert.Single(line.SentTo(Worker));
    }

    /// <summary>Asked by Bea, not yet answered.</summary>
    private static async Task<CheckInLine> AskedAsync(string language = "hi")
    {
        var line = await CheckInLine.StartAsync();
        var bea = line.Phone(Bea);
        await bea.TextAsync(language);
        await bea.TextAsync(language == "hola" ? "CONTACTO 630-555-8302 Bea" : "BUDDY 630-555-8302 Bea");
        await line.PassesAsync();
        Assert.Single(line.SentTo(Worker));
        return line;
    }

    [Theory]
    [InlineData("who is this?")]
    [InlineData("Yes of course")]
    [InlineData("sure")]
    [InlineData("ok")]
    [InlineData("hi")]
    public async Task A_contact_who_answers_the_request_in_other_words_is_told_how_to_answer_and_YES_still_works(string answer)
    {
        await using var line = await AskedAsync();
        var worker = line.Phone(Worker);

        Assert.Equal(English.BuddyRequestReminder, await worker.TextAsync(answer));

        Assert.Equal(English.BuddyThanks, await worker.TextAsync("YES"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed], line.SentTo(Bea));
    }

    [Fact]
    public async Task A_contact_asked_in_spanish_is_told_in_spanish()
    {
        await using var line = await AskedAsync("hola");

        Assert.Equal(EngineHarness.Flow.Language("es").Messages.BuddyRequestReminder, await line.Phone(Worker).TextAsync("quien eres?"));
    }

    [Fact]
    public async Task A_contact_is_reminded_once_and_the_menu_and_the_line_stay_theirs()
    {
        await using var line = await AskedAsync();
        var worker = line.Phone(Worker);

        Assert.Equal(English.BuddyRequestReminder, await worker.TextAsync("who is this?"));
        Assert.NotEqual(English.BuddyRequestReminder, await worker.TextAsync("what?"));
        Assert.StartsWith("Main menu", await worker.TextAsync("MENU"));
    }

    [Theory]
    [InlineData("MENU")]
    [InlineData("food")]
    [InlineData("I need a place to stay")]
    public async Task A_contact_who_asks_the_line_for_something_gets_it_not_the_reminder(string text)
    {
        await using var line = await AskedAsync();

        Assert.NotEqual(English.BuddyRequestReminder, await line.Phone(Worker).TextAsync(text));
    }

    [Fact]
    public async Task A_contact_asked_by_two_texters_answers_each_with_a_yes_and_each_is_told()
    {
        await using var line = await AskedAsync("hola"); // Bea asks in Spanish
        var al = line.Phone(Al);
        await al.TextAsync("hi");
        Assert.Equal(English.BuddyRequested, await al.TextAsync("BUDDY 630-555-8302 Al"));
        await line.PassesAsync();
        var worker = line.Phone(Worker);

        Assert.Equal(English.BuddyThanks, await worker.TextAsync("YES")); // the last request: Al's
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed], line.SentTo(Al));

        // Bea's request, answered in its language: the SI once found only Al's, already agreed, and Bea's stayed open
        // for good, the contact sure they had agreed and Bea never told.
        Assert.Equal(EngineHarness.Flow.Language("es").Messages.BuddyThanks, await worker.TextAsync("SI"));
        await line.PassesAsync();
        Assert.Equal([EngineHarness.Flow.Language("es").Messages.BuddyAgreed], line.SentTo(Bea));
        Assert.Equal(English.BuddyContactReply, await worker.TextAsync("YES"));
        Assert.Equal(EngineHarness.Flow.Language("es").Messages.CodeWordSet, await line.Phone(Bea).TextAsync("CLAVE mango"));
    }

    [Fact]
    public async Task A_contact_who_agreed_for_one_texter_is_reminded_of_the_other_request_in_its_language()
    {
        await using var line = await AskedAsync("hola");
        var al = line.Phone(Al);
        await al.TextAsync("hi");
        await al.TextAsync("BUDDY 630-555-8302 Al");
        await line.PassesAsync();
        var worker = line.Phone(Worker);
        await worker.TextAsync("YES");
        line.Factory.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(EngineHarness.Flow.Language("es").Messages.BuddyRequestReminder, await worker.TextAsync("quien eres?"));
    }

    [Theory]
    [InlineData("NO")]
    [InlineData("no")]
    public async Task A_contact_with_a_check_in_of_her_own_who_answers_it_no_gets_the_emergency_reply_and_stays_a_contact(string answer)
    {
        await using var line = await AgreedAsync();
        var worker = line.Phone(Worker);
        await worker.TextAsync("CHECK 10");
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(English.CheckInDue, line.SentTo(Worker)[^1]);

        // Her "no" to "Reply OK if you are all right." got "OK. You will not get these texts.", no 911, and took her
        // off Bea's plan for good, Bea told that her contact said no.
        Assert.Equal(English.Emergency, await worker.TextAsync(answer));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed], line.SentTo(Bea));
        await line.Phone(Bea).TextAsync("mango");
        await line.PassesAsync();
        Assert.Contains("sent their code word", line.SentTo(Worker)[^1]);
    }

    [Fact]
    public async Task A_contact_still_asked_who_answers_her_own_check_in_yes_ends_it_and_agrees_to_nothing()
    {
        await using var line = await AskedAsync();
        var worker = line.Phone(Worker);
        await worker.TextAsync("CHECK 10");
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(English.CheckInStopped, await worker.TextAsync("YES"));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        Assert.Empty(line.SentTo(Bea));
        Assert.Equal(English.CheckInDue, line.SentTo(Worker)[^1]); // no missed check-in text: her timer ended

        Assert.Equal(English.BuddyThanks, await worker.TextAsync("YES"));
    }

    [Theory]
    [InlineData("BUDDY 630-555-8302")]
    [InlineData("BUDDY 630-555-8302 Sexy")] // a name no text may show on a lock screen
    public async Task A_texter_whose_request_shows_no_name_is_told_to_tell_her_contact_it_is_her(string buddy)
    {
        await using var line = await CheckInLine.StartAsync();
        var bea = line.Phone(Bea);
        await bea.TextAsync("hi");

        // Her contact reads "Someone you know asked..." and, later, "Someone you know has not checked in... Please try
        // to reach them": she was told only "We asked your contact to agree", so no one told them whom to reach.
        Assert.Equal(English.BuddyRequestedNoName, await bea.TextAsync(buddy));
        await line.PassesAsync();
        Assert.StartsWith(English.BuddySomeone, line.SentTo(Worker)[^1]);
    }

    [Fact]
    public async Task A_texter_whose_request_shows_her_name_is_told_only_that_they_were_asked()
    {
        await using var line = await CheckInLine.StartAsync();
        var bea = line.Phone(Bea);
        await bea.TextAsync("hi");

        Assert.Equal(English.BuddyRequested, await bea.TextAsync("BUDDY 630-555-8302 Bea"));
    }

    [Fact]
    public async Task A_number_that_texted_stop_to_the_line_is_not_asked_and_she_gets_the_reply_any_number_not_asked_gets()
    {
        await using var line = await CheckInLine.StartAsync();
        var worker = line.Phone(Worker);
        await worker.TextAsync("hi");
        await worker.TextAsync("STOP");
        var bea = line.Phone(Bea);
        await bea.TextAsync("hi");

        // It was "We asked your contact to agree", then at once "We could not reach your safety contact by text".
        Assert.Equal(English.BuddyNotAsked, await bea.TextAsync("BUDDY 630-555-8302 Bea"));
        await line.PassesAsync();
        Assert.Empty(line.SentTo(Bea));
        Assert.Equal(English.CodeWordSetNoContact, await bea.TextAsync("CODEWORD mango"));

        // Back on the line, they may be asked again.
        await worker.TextAsync("START");
        line.Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(English.BuddyRequested, await bea.TextAsync("BUDDY 630-555-8302 Bea"));
    }

    [Fact]
    public async Task A_contact_who_said_no_gets_the_line_as_anyone_does()
    {
        await using var line = await AskedAsync();
        var worker = line.Phone(Worker);
        await worker.TextAsync("NO");
        line.Factory.Clock.Advance(TimeSpan.FromHours(2)); // their session has timed out

        Assert.StartsWith(English.Welcome.Split('.')[0], await worker.TextAsync("who is this?"));
    }

    [Theory]
    [InlineData("is she ok?")]
    [InlineData("who is this?")]
    [InlineData("what happened")]
    [InlineData("Call me")]
    [InlineData("\U0001F61F")]
    [InlineData("hi")]
    public async Task A_contact_who_answers_an_alert_is_told_who_writes_and_that_no_one_reads_replies(string answer)
    {
        await using var line = await AgreedAsync();
        await line.AdvanceAsync(TimeSpan.FromHours(2)); // their session has timed out, as it has when an alert comes
        await line.Phone(Bea).TextAsync("mango");
        await line.PassesAsync();
        Assert.Contains("sent their code word", line.SentTo(Worker)[^1]);

        // It got the welcome and a menu of topics, as if someone had read "is she ok?" and answered with a menu.
        var worker = line.Phone(Worker);
        Assert.Equal(English.BuddyContactReply, await worker.TextAsync(answer));

        // The line stays theirs.
        Assert.StartsWith("Main menu", await worker.TextAsync("MENU"));
    }

    [Fact]
    public async Task A_contact_alerted_minutes_after_agreeing_who_answers_it_is_told_who_writes()
    {
        await using var line = await AgreedAsync();
        await line.AdvanceAsync(TimeSpan.FromMinutes(5)); // still the conversation their YES began
        await line.Phone(Bea).TextAsync("mango");
        await line.PassesAsync();
        var worker = line.Phone(Worker);

        // It got "Sorry, I did not understand that." and the main menu.
        Assert.Equal(English.BuddyContactReply, await worker.TextAsync("what?? is she ok"));
        Assert.Equal(English.BuddyContactReply, await worker.TextAsync("??"));
        Assert.StartsWith("Main menu", await worker.TextAsync("MENU"));
    }

    [Fact]
    public async Task A_contact_who_uses_the_line_an_hour_after_agreeing_is_not_understood_as_anyone()
    {
        await using var line = await AgreedAsync();
        var worker = line.Phone(Worker);
        await line.AdvanceAsync(TimeSpan.FromMinutes(25));
        await worker.TextAsync("2");
        await line.AdvanceAsync(TimeSpan.FromMinutes(25));
        await worker.TextAsync("0");
        await line.AdvanceAsync(TimeSpan.FromMinutes(25));

        Assert.StartsWith(English.NotUnderstood.Split('.')[0], await worker.TextAsync("blah blah"));
    }

    [Fact]
    public async Task A_contact_who_says_yes_again_is_told_what_they_agreed_to_and_she_is_not_told_again()
    {
        await using var line = await AgreedAsync();

        // The second YES (a double tap, or a YES a week late) got the main menu of topics.
        Assert.Equal(English.BuddyContactReply, await line.Phone(Worker).TextAsync("YES"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed], line.SentTo(Bea));
    }

    [Fact]
    public async Task A_contact_asked_in_spanish_who_agreed_is_answered_in_spanish()
    {
        await using var line = await AskedAsync("hola");
        var worker = line.Phone(Worker);
        Assert.Equal(EngineHarness.Flow.Language("es").Messages.BuddyThanks, await worker.TextAsync("SI"));
        line.Factory.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(EngineHarness.Flow.Language("es").Messages.BuddyContactReply, await worker.TextAsync("quien eres?"));
    }

    [Fact]
    public async Task A_contact_who_asks_the_line_for_something_after_agreeing_gets_it()
    {
        await using var line = await AgreedAsync();
        line.Factory.Clock.Advance(TimeSpan.FromHours(2));

        Assert.StartsWith(English.Welcome.Split('.')[0], await line.Phone(Worker).TextAsync("MENU"));
        line.Factory.Clock.Advance(TimeSpan.FromHours(2));
        Assert.NotEqual(English.BuddyContactReply, await line.Phone(Worker).TextAsync("I need a place to stay"));
    }

    [Fact]
    public async Task A_contact_whose_texter_removed_them_gets_the_line_as_anyone_does()
    {
        await using var line = await AgreedAsync();
        await line.Phone(Bea).TextAsync("BUDDY OFF");
        line.Factory.Clock.Advance(TimeSpan.FromHours(2));

        Assert.StartsWith(English.Welcome.Split('.')[0], await line.Phone(Worker).TextAsync("who is this?"));
    }

    [Theory]
    [InlineData("no thanks")]
    [InlineData("Stop texting me!!")]
    [InlineData("nah")]
    [InlineData("no gracias")]
    public async Task A_no_in_their_own_words_declines_the_request_as_NO_does(string answer)
    {
        await using var line = await CheckInLine.StartAsync();
        var al = line.Phone(Al);
        await al.TextAsync("hi");
        await al.TextAsync("BUDDY 630-555-8302 Al");
        await line.PassesAsync();

        // It got the reminder to "Reply YES to agree or NO to decline", and "stop texting me" no word of how to stop.
        Assert.Equal(English.BuddyDeclineAck, await line.Phone(Worker).TextAsync(answer));
        await line.PassesAsync();
        Assert.Equal([English.BuddyDeclined], line.SentTo(Al));
    }

    [Fact]
    public async Task A_contact_who_agreed_and_texts_stop_texting_me_leaves_her_plan()
    {
        await using var line = await AgreedAsync();

        Assert.Equal(English.BuddyDeclineAck, await line.Phone(Worker).TextAsync("stop texting me"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed, English.BuddyLeft], line.SentTo(Bea));
    }
}
