using WestmontTextLine.Engine;
using WestmontTextLine.Words;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Engine;

public class InputTextTests
{
    [Theory]
    [InlineData("I'm scared", "IM SCARED")]
    [InlineData("I’m scared", "IM SCARED")]
    [InlineData("im scared", "IM SCARED")]
    [InlineData("he won't", "HE WONT")]
    [InlineData("he won`t", "HE WONT")]
    [InlineData("don't, can't", "DONT CANT")]
    [InlineData("'help'", "HELP")]
    [InlineData("People's Resource Center", "PEOPLES RESOURCE CENTER")]
    public void An_apostrophe_joins_a_word_instead_of_splitting_it(string raw, string expected) =>
        Assert.Equal(expected, InputText.Normalize(raw));

    [Theory]
    [InlineData("¡Español!", "ESPANOL")]
    [InlineData("  menú  ", "MENU")]
    [InlineData("sti/hiv test", "STI HIV TEST")]
    [InlineData("3", "3")]
    [InlineData("９１１", "911")]
    [InlineData("Ｈｅｌｐ　ｍｅ", "HELP ME")]
    public void Accents_case_and_other_punctuation_fold_as_before(string raw, string expected) =>
        Assert.Equal(expected, InputText.Normalize(raw));

    [Theory]
    [InlineData("ST\u200DOP", "STOP")]       // zero-width joiner
    [InlineData("ST\u200BOP", "STOP")]       // zero-width space
    [InlineData("S\u00ADTOP", "STOP")]       // soft hyphen
    [InlineData("\uFEFFSTOP\u2060", "STOP")] // byte-order mark, word joiner
    [InlineData("ST\u200COP now", "STOP NOW")] // zero-width non-joiner
    public void Invisible_characters_inside_a_word_do_not_split_it(string raw, string expected) =>
        Assert.Equal(expected, InputText.Normalize(raw));

    // A phone or keyboard may send an accented letter as the letter and a combining mark after it (Unicode's
    // decomposed form, NFD): "ayu\u0301dame" is "ayúdame" on the screen. The mark must fold away as the accent of the
    // one-character "ú" does, not split the word.
    [Theory]
    [InlineData("ayu\u0301dame", "AYUDAME")]       // combining acute accent
    [InlineData("espan\u0303ol", "ESPANOL")]       // combining tilde
    [InlineData("cli\u0301nica", "CLINICA")]
    [InlineData("informacio\u0301n", "INFORMACION")]
    [InlineData("ayu\u0301dame por favor", "AYUDAME POR FAVOR")]
    [InlineData("pingu\u0308ino", "PINGUINO")]     // combining diaeresis
    public void A_combining_accent_folds_away_as_a_precomposed_one_does(string raw, string expected) =>
        Assert.Equal(expected, InputText.Normalize(raw));

    // Keyboards for right-to-left languages type their own digits: an Arabic keyboard's "٣" is 3, a Persian or Urdu
    // one's "۳" too; some phones offer circled digits as they offer emoji keycaps ("3️⃣").
    [Theory]
    [InlineData("\u0663", "3")]          // Arabic-Indic three
    [InlineData("\u06F3", "3")]          // Extended Arabic-Indic (Persian, Urdu) three
    [InlineData("\u0669\u0661\u0661", "911")]
    [InlineData("\u2462", "3")]          // circled digit three
    [InlineData("\u200F\u0663", "3")]   // a right-to-left mark before it
    public void Digits_of_other_keyboards_are_read_as_ascii_digits(string raw, string expected) =>
        Assert.Equal(expected, InputText.Normalize(raw));

    [Fact]
    public void An_arabic_keyboard_digit_picks_that_menu_option()
    {
        var line = new WestmontTextLine.Tests.Support.EngineHarness();
        line.Text("hi");

        Assert.Equal(MenuReplies.After(3), line.Text("\u0663"));
    }

    [Fact]
    public void Ayudame_typed_with_a_combining_accent_gets_the_emergency_reply()
    {
        var line = new WestmontTextLine.Tests.Support.EngineHarness();
        line.Text("hola");

        Assert.Equal(line.Spanish.Messages.Emergency, line.Text("ayu\u0301dame"));
        Assert.Equal(KeywordAction.Emergency, line.Last!.Event.Keyword);
    }

    [Fact]
    public void A_STOP_with_a_zero_width_joiner_inside_still_opts_out()
    {
        var line = new WestmontTextLine.Tests.Support.EngineHarness();
        line.Text("hi");

        line.Text("ST\u200DOP");

        Assert.True(line.Session!.OptedOut);
    }

    [Theory]
    [InlineData("🆘", "SOS")]
    [InlineData("🆘🆘 pls", "SOS SOS PLS")]
    [InlineData("help🆘", "HELP SOS")]
    public void The_sos_emoji_is_the_word_sos(string raw, string expected) =>
        Assert.Equal(expected, InputText.Normalize(raw));

    [Theory]
    [InlineData("HELP MEEE", "HELP ME")]
    [InlineData("IM SCAAAARED", "IM SCARED")]
    [InlineData("PLEEEASE HELLLP", "PLEASE HELP")]
    [InlineData("NOT IN DANGERRRR", "NOT IN DANGER")]
    [InlineData("I FEEL STILL", "I FEEL STILL")]
    [InlineData("CALL 9111", "CALL 9111")]
    public void Letters_stretched_three_times_or_more_are_read_once(string normalized, string expected) =>
        Assert.Equal(expected, InputText.Unstretched(normalized));
}
