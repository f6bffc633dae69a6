using WestmontTextLine.Flows;
using WestmontTextLine.Words;

namespace WestmontTextLine.Tests.Engine;

public sealed class LanguageCommonWordsTests
{
    private static LanguageCommonWords Words()
    {
        var words = new LanguageCommonWords();
        words.Add("en", ["i", "need", "my", "the", "no"]);
        words.Add("es", ["necesito", "mi", "un", "el", "no"]);
        return words;
    }

    private static string? LanguageOf(string text) => Words().LanguageOf(InputText.Normalize(text));

    [Theory]
    [InlineData("necesito un doctor", "es")]
    [InlineData("i need a doctor", "en")]
    [InlineData("Necesito el doctor, por favor", "es")]
    [InlineData("I NEED THE CLINIC", "en")]
    public void The_language_with_the_most_of_its_common_words_is_the_texts(string text, string language) =>
        Assert.Equal(language, LanguageOf(text));

    [Theory]
    [InlineData("necesito help i")] // one word each way tells nothing
    [InlineData("doctor")]
    [InlineData("")]
    public void A_tie_or_no_common_word_tells_nothing(string text) => Assert.Null(LanguageOf(text));

    [Fact]
    public void A_word_both_languages_list_counts_for_neither() => Assert.Null(LanguageOf("no no no"));

    [Fact]
    public void The_flows_read_a_spanish_first_text_without_a_keyword_as_spanish_and_an_english_one_as_english()
    {
        var flow = WestmontTextLine.Tests.Support.EngineHarness.Flow;
        Assert.Equal("es", flow.CommonWords.LanguageOf(InputText.Normalize("estoy embarazada y no tengo doctor")));
        Assert.Equal("en", flow.CommonWords.LanguageOf(InputText.Normalize("i think i need a doctor")));
    }
}
