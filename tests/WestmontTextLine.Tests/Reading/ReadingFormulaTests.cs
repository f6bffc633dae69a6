using WestmontTextLine.Reading;

namespace WestmontTextLine.Tests.Reading;

public class ReadingFormulaTests
{
    [Fact]
    public void Words_sentences_and_syllables_are_counted_as_a_reader_sees_them()
    {
        var counts = TextCounts.Of("Call 911 now. The hotline (24/7) is free! Is it safe?", EnglishSyllables.Count);

        // A number is one word of one syllable: call(1) 911(1) now(1) the(1) hotline(2) 24/7(1) is free is it safe(5).
        Assert.Equal(new TextCounts(Words: 11, Sentences: 3, Syllables: 12), counts);
    }

    [Fact]
    public void A_text_without_an_ending_mark_is_one_sentence() =>
        Assert.Equal(1, TextCounts.Of("These places can help:", EnglishSyllables.Count).Sentences);

    [Fact]
    public void Flesch_kincaid_grade_is_computed_from_the_counts() =>
        // 9 words, 2 sentences, 10 syllables: 0.39 × 9/2 + 11.8 × 10/9 − 15.59 = −0.72
        Assert.Equal(-0.7, ReadingFormula.FleschKincaidGrade.Score("Call the hotline now. It is free and safe."));

    [Fact]
    public void Fernandez_huerta_ease_is_computed_from_the_counts() =>
        // 6 words, 2 sentences, 10 syllables (lla-ma a la li-ne-a es gra-tis): 206.84 − 0.60 × 166.7 − 1.02 × 3 = 103.8
        Assert.Equal(103.8, ReadingFormula.FernandezHuertaEase.Score("Llama a la linea. Es gratis."));

    [Fact]
    public void Long_sentences_read_harder_in_both_formulas()
    {
        const string shortEn = "Call the line. It is free. It is safe. We can help.";
        const string longEn = "Call the line, which is free and safe, and we can help you with what you need.";
        const string shortEs = "Llama a la linea. Es gratis. Es seguro. Te ayudamos.";
        const string longEs = "Llama a la linea, que es gratis y segura, y te ayudamos con lo que necesites hoy.";

        Assert.True(ReadingFormula.FleschKincaidGrade.Score(longEn) > ReadingFormula.FleschKincaidGrade.Score(shortEn));
        Assert.True(ReadingFormula.FernandezHuertaEase.Score(longEs) < ReadingFormula.FernandezHuertaEase.Score(shortEs));
    }

    [Fact]
    public void A_grade_is_beyond_its_limit_above_it_and_an_ease_below_it()
    {
        Assert.True(new ReadingLimit(ReadingFormula.FleschKincaidGrade, 8).IsBeyond(8.1));
        Assert.False(new ReadingLimit(ReadingFormula.FleschKincaidGrade, 8).IsBeyond(8));
        Assert.True(new ReadingLimit(ReadingFormula.FernandezHuertaEase, 70).IsBeyond(69.9));
        Assert.False(new ReadingLimit(ReadingFormula.FernandezHuertaEase, 70).IsBeyond(75));
    }

    [Theory]
    [InlineData("en", "Flesch-Kincaid grade")]
    [InlineData("es", "Fernández-Huerta reading ease")]
    public void Each_language_has_its_formula(string language, string name) => Assert.Equal(name, ReadingFormula.For(language)!.Name);

    [Fact]
    public void A_language_without_a_formula_has_none() => Assert.Null(ReadingFormula.For("fr"));
}
