namespace WestmontTextLine.Words;

/// <summary>
/// A whole text that thanks or closes ("thanks", "bye", "got it", "gracias", "adios"), from every language's
/// <c>courtesy</c> list: recognition words, never sent. The whole text must be made of them, one after another, and of
/// her "ok" words (the <c>safe</c> and <c>check_in_yes</c> keywords): "ok ty", "kk thanks", "ok cool thanks" are
/// courtesy, while "thanks, where can I get tested" is a question.
/// </summary>
public sealed class CourtesyPhrases
{
    // Longer texts are never only thanks; the cover below is quadratic in the words.
    private const int MostWords = 10;

    private readonly HashSet<string> _phrases;
    private readonly HashSet<string> _okWords;

    /// <param name="phrases">The courtesy phrases, as written.</param>
    /// <param name="okWords">Her "ok" words, as written: courtesy beside a phrase, as "ok" in "ok thanks".</param>
    public CourtesyPhrases(IEnumerable<string> phrases, IEnumerable<string>? okWords = null)
    {
        _phrases = [.. phrases.Select(InputText.Normalize).Where(phrase => phrase.Length > 0)];
        _okWords = [.. (okWords ?? []).Select(InputText.Normalize).Where(word => word.Length > 0)];
    }

    public static CourtesyPhrases Empty { get; } = new([]);

    public int Count => _phrases.Count;

    /// <summary>
    /// True when the normalised text is one or more of the phrases, with her "ok" words between them, and nothing else;
    /// its stretched letters read once ("thanksss", "byeeee").
    /// </summary>
    public bool IsWhole(string normalized)
    {
        if (_phrases.Count == 0 || normalized.Length == 0) return false;
        if (_phrases.Contains(normalized)) return true;
        var unstretched = InputText.Unstretched(normalized);
        return _phrases.Contains(unstretched) || IsCovered(unstretched);
    }

    /// <summary>The words, left to right, each run of them a phrase or an "ok" word, and at least one a phrase.</summary>
    private bool IsCovered(string normalized)
    {
        var words = normalized.Split(' ');
        if (words.Length is < 2 or > MostWords) return false;
        // reached[i]: the first i words are covered; 1 with only "ok" words, 2 with a phrase among them.
        var reached = new int[words.Length + 1];
        reached[0] = 1;
        for (var end = 1; end <= words.Length; end++)
        {
            for (var start = 0; start < end; start++)
            {
                if (reached[start] == 0) continue;
                var run = string.Join(' ', words, start, end - start);
                if (_phrases.Contains(run)) reached[end] = 2;
                else if (_okWords.Contains(run)) reached[end] = Math.Max(reached[end], reached[start]);
            }
        }
        return reached[words.Length] == 2;
    }
}
