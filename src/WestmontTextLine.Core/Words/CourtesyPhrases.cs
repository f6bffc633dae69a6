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
        _phrases = new HashSet<string>(phrases.Select(InputText.Normalize).Where(phrase => phrase.Length > 0), StringComparer.Ordinal);
        _okWords = new HashSet<string>((okWords ?? []).Select(InputText.Normalize).Where(word => word.Length > 0), StringComparer.Ordinal);
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
    /// <remarks>Spans and the stack, no strings: every text the line does not understand comes through here.</remarks>
    private bool IsCovered(string normalized)
    {
        // A normalised text is its words with one space between them: word i runs from starts[i] to starts[i + 1] - 1.
        Span<int> starts = stackalloc int[MostWords + 1];
        var words = 0;
        starts[words++] = 0;
        for (var i = 0; i < normalized.Length; i++)
        {
            if (normalized[i] != ' ') continue;
            if (words == MostWords) return false;
            starts[words++] = i + 1;
        }
        if (words < 2) return false;
        starts[words] = normalized.Length + 1;
        var phrases = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        var okWords = _okWords.GetAlternateLookup<ReadOnlySpan<char>>();
        // reached[i]: the first i words are covered; 1 with only "ok" words, 2 with a phrase among them.
        Span<byte> reached = stackalloc byte[MostWords + 1];
        reached.Clear();
        reached[0] = 1;
        for (var end = 1; end <= words; end++)
        {
            for (var start = 0; start < end; start++)
            {
                if (reached[start] == 0) continue;
                var run = normalized.AsSpan(starts[start], starts[end] - 1 - starts[start]);
                if (phrases.Contains(run)) reached[end] = 2;
                else if (okWords.Contains(run)) reached[end] = Math.Max(reached[end], reached[start]);
            }
        }
        return reached[words] == 2;
    }
}
