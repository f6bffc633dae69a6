namespace WestmontTextLine.Reading;

/// <summary>
/// A language's reading score: English answers get a Flesch-Kincaid grade (higher is harder), Spanish answers a
/// Fernández-Huerta reading ease (lower is harder).
/// </summary>
public sealed class ReadingFormula
{
    /// <summary>Flesch-Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.</summary>
    public static readonly ReadingFormula FleschKincaidGrade = new(
        "Flesch-Kincaid grade", "max_grade", higherIsHarder: true, EnglishSyllables.Count,
        c => 0.39 * c.Words / c.Sentences + 11.8 * c.Syllables / c.Words - 15.59);

    /// <summary>
    /// Fernández-Huerta reading ease: 206.84 − 0.60 × P − 1.02 × F, P syllables per 100 words, F words per sentence.
    /// F is often printed as "sentences per 100 words", a known misprint (G. Law, 2011): it would score long
    /// sentences as easier. As an adaptation of Flesch's reading ease, F is the mean sentence length.
    /// </summary>
    public static readonly ReadingFormula FernandezHuertaEase = new(
        "Fernández-Huerta reading ease", "min_ease", higherIsHarder: false, SpanishSyllables.Count,
        c => 206.84 - 0.60 * (100.0 * c.Syllables / c.Words) - 1.02 * c.Words / c.Sentences);

    private readonly Func<string, int> _syllables;
    private readonly Func<TextCounts, double> _score;

    private ReadingFormula(string name, string limitSetting, bool higherIsHarder, Func<string, int> syllables, Func<TextCounts, double> score)
    {
        Name = name;
        LimitSetting = limitSetting;
        HigherIsHarder = higherIsHarder;
        _syllables = syllables;
        _score = score;
    }

    public string Name { get; }

    /// <summary>The reading_level key that holds this formula's limit.</summary>
    public string LimitSetting { get; }

    public bool HigherIsHarder { get; }

    /// <summary>The formula for a flow file's language, or null when there is none.</summary>
    public static ReadingFormula? For(string? language) => language switch
    {
        "en" => FleschKincaidGrade,
        "es" => FernandezHuertaEase,
        _ => null,
    };

    /// <summary>The score of a text, or null when it has no words.</summary>
    public double? Score(string text)
    {
        var counts = TextCounts.Of(text, _syllables);
        return counts.Words == 0 ? null : Math.Round(_score(counts), 1);
    }

    public bool IsBeyond(double score, double limit) => HigherIsHarder ? score > limit : score < limit;

    /// <summary>Orders scores from the hardest to read.</summary>
    public double Hardness(double score) => HigherIsHarder ? score : -score;
}
