namespace WestmontTextLine.Flows;

/// <summary>
/// The language of a first text that has no keyword, from common words only one language uses (each flow's
/// <c>language_words</c>): "necesito un doctor" is Spanish, so its welcome and answers come in Spanish, where the
/// English "doctor" had answered it in English. The language with more of its words than every other wins; a tie,
/// or none, tells nothing. A word two languages list is left out.
/// </summary>
public sealed class LanguageCommonWords
{
    /// <summary>No words: every text tells nothing (a new one each time, as <see cref="Add"/> fills one).</summary>
    public static LanguageCommonWords Empty => new();

    private readonly Dictionary<string, int> _languageOfWord = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sharedWords = new(StringComparer.Ordinal);
    private readonly List<string> _languages = [];

    public void Add(string language, IEnumerable<string> words)
    {
        var index = _languages.IndexOf(language);
        if (index < 0)
        {
            index = _languages.Count;
            _languages.Add(language);
        }
        foreach (var word in words)
        {
            var normal = Words.InputText.Normalize(word);
            if (normal.Length == 0 || normal.Contains(' ') || _sharedWords.Contains(normal)) continue;
            if (_languageOfWord.TryGetValue(normal, out var other) && other != index)
            {
                _languageOfWord.Remove(normal);
                _sharedWords.Add(normal);
            }
            else
            {
                _languageOfWord[normal] = index;
            }
        }
    }

    /// <summary>The language most of the text's common words are in; null on a tie or when it has none.</summary>
    public string? LanguageOf(string normalized)
    {
        if (_languageOfWord.Count == 0 || normalized.Length == 0) return null;
        var lookup = _languageOfWord.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<int> counts = stackalloc int[_languages.Count];
        var rest = normalized.AsSpan();
        while (rest.Length > 0)
        {
            var space = rest.IndexOf(' ');
            var word = space < 0 ? rest : rest[..space];
            rest = space < 0 ? [] : rest[(space + 1)..];
            if (lookup.TryGetValue(word, out var language)) counts[language]++;
        }
        var best = -1;
        var tie = false;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            if (best < 0 || counts[i] > counts[best])
            {
                best = i;
                tie = false;
            }
            else if (counts[i] == counts[best])
            {
                tie = true;
            }
        }
        return best < 0 || tie ? null : _languages[best];
    }
}
