using WestmontTextLine.CheckIns;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

public class CheckInWordsTests
{
    private static CheckInCommand? Read(string text) => CheckInWords.Read(text, EngineHarness.Flow);

    [Theory]
    [InlineData("CHECK 45", 45)]
    [InlineData("check 90 min", 90)]
    [InlineData("Check 2h", 120)]
    [InlineData("check on me in 1 hour", 60)]
    [InlineData("check on me in 45 min", 45)]
    [InlineData("check on me in an hour", 60)]
    [InlineData("CHECK 720", 720)]
    [InlineData("check 1", 1)]
    [InlineData("avisame en 30 minutos", 30)]
    [InlineData("Avísame en 2 horas", 120)]
    [InlineData("revisar 45", 45)]
    [InlineData("check 45min", 45)]
    [InlineData("check 1:30", 90)]
    [InlineData("check 1h30", 90)]
    [InlineData("check 1 hour 30 min", 90)]
    [InlineData("avisame en 1 hora y 15", 75)]
    [InlineData("check 1.5 hours", 90)]
    [InlineData("avisame en 1,5 horas", 90)]
    [InlineData("check on me in half an hour", 30)]
    [InlineData("avisame en media hora", 30)]
    [InlineData("check 30 please", 30)]
    [InlineData("check (45)", 45)]
    [InlineData("avisa en 20", 20)]
    // An hour and a half is 90 minutes: "hora y media" was read as "media hora" (30), "1 hora y media" as 1 hour, each
    // a check-in text (and an alert to her contact) before the time she asked for.
    [InlineData("avisame en hora y media", 90)]
    [InlineData("avisame en una hora y media", 90)]
    [InlineData("avisame 1 hora y media", 90)]
    [InlineData("avisame en 2 horas y media", 150)]
    [InlineData("check on me in an hour and a half", 90)]
    [InlineData("check 1 hour and a half", 90)]
    // The hours written before "and a half" ("2 and a half hours") were read as minutes: a 2-minute timer.
    [InlineData("check 2 and a half hours", 150)]
    [InlineData("check on me in 3 and a half hours", 210)]
    [InlineData("avisame en 2 y media horas", 150)]
    [InlineData("check on me in one hour", 60)]
    [InlineData("check on me in an hour thanks, im going out", 60)]
    [InlineData("avisame en una hora gracias ya voy a salir", 60)]
    [InlineData("avisame en una hora", 60)]
    // A quarter was dropped: "quarter of an hour" and "un cuarto de hora" were an hour, "hora y cuarto" one too.
    [InlineData("check on me in a quarter of an hour", 15)]
    [InlineData("check quarter hour", 15)]
    [InlineData("avisame en un cuarto de hora", 15)]
    [InlineData("check an hour and a quarter", 75)]
    [InlineData("avisame en una hora y cuarto", 75)]
    [InlineData("avisame en 1 hora y cuarto", 75)]
    [InlineData("check 2 hours and a quarter", 135)]
    public void A_check_with_a_duration_sets_a_timer(string text, int minutes)
    {
        Assert.Equal(new CheckInCommand.SetTimer(TimeSpan.FromMinutes(minutes)), Read(text));
    }

    [Theory]
    [InlineData("CHECK")]
    [InlineData("check 0")]
    [InlineData("check 13h")]
    [InlineData("CHECK 721")]
    [InlineData("avisame")]
    [InlineData("check 1,000")]
    [InlineData("check 1e9")]
    [InlineData("check 0x10")]
    [InlineData("check -5")]
    [InlineData("check 2 weeks")]
    [InlineData("check 10 seconds")]
    [InlineData("check 1 day")]
    [InlineData("check 1.5")]
    [InlineData("check 1.5 min")]
    [InlineData("check 1:75")]
    [InlineData("check 2:30 pm")]
    [InlineData("check 1h30h")]
    [InlineData("check 30 or 45")]
    // A time of day, not a duration: "a las 10" was a 10-minute timer, "a las 10:30" one of ten and a half hours.
    [InlineData("avisame a las 10")]
    [InlineData("avisame alas 10")]
    [InlineData("avisame a las 10:30")]
    [InlineData("avisame a la 1")]
    [InlineData("check at 10")]
    [InlineData("check me at 9:30")]
    public void A_check_the_line_cannot_use_gets_how_to_write_it(string text)
    {
        Assert.IsType<CheckInCommand.TimerUsage>(Read(text));
    }

    // A time of day in other words than "at" or "a las": each of these set a timer of as many minutes as its hour
    // ("check 10 tonight" one of 10 minutes), and a check-in text, then an alert to her contact, came hours early.
    [Theory]
    [InlineData("check 10 tonight")]
    [InlineData("check 11 tonite")]
    [InlineData("check on me by 10")]
    [InlineData("check until 11")]
    [InlineData("check till 11:30")]
    [InlineData("check around 10")]
    [InlineData("check 10 oclock")]
    [InlineData("check 10 o'clock")]
    [InlineData("check 10 o clock")]
    [InlineData("check @ 10")]
    [InlineData("check @10")]
    [InlineData("check 10p")]
    [InlineData("check 10 p.m.")]
    [InlineData("check 9 a.m.")]
    [InlineData("check 7 in the morning")]
    [InlineData("check 5 this afternoon")]
    [InlineData("check 8 this evening")]
    [InlineData("check at noon")]
    [InlineData("check midnight")]
    [InlineData("check on me tonight")]
    [InlineData("avisame hasta las 10")]
    [InlineData("avisame para las 11")]
    [InlineData("avisame 10 de la noche")]
    [InlineData("avisame 9 de la manana")]
    [InlineData("avisame 4 de la tarde")]
    [InlineData("avisame a medianoche")]
    [InlineData("avisame al mediodia")]
    [InlineData("avisame esta noche")]
    public void A_time_of_day_in_other_words_gets_how_to_write_it(string text)
    {
        Assert.IsType<CheckInCommand.TimerUsage>(Read(text));
    }

    // A count in words: "two hours" was read as "an hour" (the check-in text, then her contact alerted, an hour early),
    // "dos horas y media" as an hour and a half, "a couple hours" as one; "twenty minutes" was left to the menu.
    [Theory]
    [InlineData("check on me in two hours")]
    [InlineData("check in three hours")]
    [InlineData("avisame en dos horas")]
    [InlineData("avisame en tres horas y media")]
    [InlineData("check on me in two and a half hours")]
    [InlineData("check in a couple hours")]
    [InlineData("check in a few hours")]
    [InlineData("check twenty minutes")]
    [InlineData("avisame en quince minutos")]
    // "an hour and 15 min" was a 15-minute timer, "1½ hours" a 1-minute one.
    [InlineData("check on me in an hour and 15 min")]
    [InlineData("avisame en una hora y 20")]
    [InlineData("check 1½ hours")]
    [InlineData("check ½ hour")]
    public void A_count_in_words_gets_how_to_write_it(string text)
    {
        Assert.IsType<CheckInCommand.TimerUsage>(Read(text));
    }

    [Theory]
    [InlineData("check in")]
    [InlineData("check-in timer")]
    [InlineData("what is a check in")]
    // "hours" in a question set a one-hour timer: "check the clinic hours" (her contact alerted an hour later unless
    // she replied OK to a check-in she never asked for), "revisar horario", "avisame a que hora abren".
    [InlineData("check the clinic hours")]
    [InlineData("check what hours the clinic is open")]
    [InlineData("revisar horario")]
    [InlineData("avisame a que hora abren")]
    [InlineData("check if the shelter is open tonight")]
    [InlineData("check the clinic tomorrow morning")]
    public void A_question_about_check_ins_is_left_to_the_menu(string text)
    {
        Assert.Null(Read(text));
    }

    [Theory]
    [InlineData("OK")]
    [InlineData("ok")]
    [InlineData("Safe")]
    [InlineData("I'm OK")]
    [InlineData("im safe")]
    [InlineData("estoy bien")]
    public void Ok_and_safe_end_a_timer(string text) => Assert.IsType<CheckInCommand.Safe>(Read(text));

    [Theory]
    [InlineData("BUDDY +16305550123 Ana", "+16305550123", "Ana", "en")]
    [InlineData("buddy (630) 555-0123 Ana Maria", "6305550123", "Ana Maria", "en")]
    [InlineData("Buddy 630.555.0123", "6305550123", null, "en")]
    [InlineData("contacto +1 630 555 0123 Rosa", "+16305550123", "Rosa", "es")]
    public void A_buddy_command_gives_the_number_the_name_and_the_language_of_its_word(string text, string number, string? name, string language)
    {
        Assert.Equal(new CheckInCommand.AddBuddy(number, name, language), Read(text));
    }

    [Theory]
    [InlineData("BUDDY")]
    [InlineData("buddy Ana")]
    public void A_buddy_command_without_a_number_gets_how_to_write_it(string text) => Assert.IsType<CheckInCommand.BuddyUsage>(Read(text));

    [Theory]
    [InlineData("BUDDY OFF")]
    [InlineData("contacto no")]
    public void Buddy_off_removes_the_contact(string text) => Assert.IsType<CheckInCommand.RemoveBuddy>(Read(text));

    [Theory]
    [InlineData("CODEWORD pineapple", "PINEAPPLE")]
    [InlineData("code word Mango7", "MANGO7")]
    [InlineData("clave piña", "PINA")]
    public void A_code_word_is_stored_normalised(string text, string word) => Assert.Equal(new CheckInCommand.SetCodeWord(word), Read(text));

    [Theory]
    [InlineData("CODEWORD")]
    [InlineData("CODEWORD two words")]
    [InlineData("CODEWORD help")]
    [InlineData("CODEWORD clinic")]
    [InlineData("CODEWORD 1234")]
    [InlineData("CODEWORD ok")]
    public void A_code_word_that_is_a_keyword_a_topic_or_not_one_word_is_refused(string text) =>
        Assert.IsType<CheckInCommand.CodeWordUsage>(Read(text));

    [Fact]
    public void Yes_and_no_are_a_contact_answering()
    {
        Assert.IsType<CheckInCommand.Agree>(Read("YES"));
        Assert.IsType<CheckInCommand.Agree>(Read("si"));
        Assert.IsType<CheckInCommand.Decline>(Read("no"));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("clinic")]
    [InlineData("hello")]
    [InlineData("I need help")]
    public void Other_texts_are_not_the_check_ins(string text) => Assert.Null(Read(text));

    [Fact]
    public void A_name_keeps_to_letters_and_twenty_characters()
    {
        Assert.Equal("Ana", CheckInWords.NameFrom(" Ana!! "));
        Assert.Null(CheckInWords.NameFrom("🙂"));
        Assert.Equal(20, CheckInWords.NameFrom(new string('a', 40))!.Length);
    }

    // A Spanish name with an accent GSM-7 lacks (á, í, ó, ú) was dropped whole, and her contact read "Alguien que
    // conoces" (someone you know): the name keeps its letters, written as the flow files write them.
    [Theory]
    [InlineData("María José", "Maria José")]
    [InlineData("Raúl", "Raul")]
    [InlineData("Sofía", "Sofia")]
    [InlineData("Ramón", "Ramon")]
    public void A_name_with_an_accent_gsm7_lacks_keeps_its_plain_letter(string typed, string name) =>
        Assert.Equal(name, CheckInWords.NameFrom(typed));
}
