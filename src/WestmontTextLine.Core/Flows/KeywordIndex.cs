using WestmontTextLine.Words;

namespace WestmontTextLine.Flows;

/// <summary>
/// A keyword's action and, when only one language uses the word, that language. A class, not a struct: the flow's
/// collections of it then run the framework's precompiled code instead of code the JIT makes at start.
/// </summary>
public sealed record KeywordMatch(KeywordAction Action, string? Language)
{
    /// <summary>No keyword.</summary>
    public static readonly KeywordMatch None = new(KeywordAction.None, null);
}

/// <summary>Every global keyword of every language, by its normalised form.</summary>
public sealed class KeywordIndex
{
    private readonly Dictionary<string, KeywordMatch> _exact;
    private readonly string[] _emergencyPhrases;
    private readonly WholeWordPhrases _emergencySearch;
    // The language keywords of several words: most texts hold none, and one pass over the text says so.
    private readonly WholeWordPhrases _languagePhraseSearch;

    // By the action's number: arrays, not a dictionary keyed by the enum or LINQ's grouping of pairs, so that building
    // the index at start runs no generic code the JIT must compile for these types first.
    private readonly string[][] _wordsByAction;

    public KeywordIndex(Dictionary<string, KeywordMatch> exact, string[] emergencyPhrases)
    {
        _exact = exact;
        _wordsByAction = WordsByAction(exact);
        _emergencyPhrases = emergencyPhrases;
        _emergencySearch = new WholeWordPhrases(emergencyPhrases);
        _languagePhraseSearch = new WholeWordPhrases(_wordsByAction[(int)KeywordAction.Language].Where(phrase => phrase.Contains(' ')));
    }

    /// <summary>Each action's words, longest first; words of one length in the order the index has them.</summary>
    private static string[][] WordsByAction(Dictionary<string, KeywordMatch> exact)
    {
        var lists = new List<string>[Enum.GetValuesAsUnderlyingType(typeof(KeywordAction)).Length];
        foreach (var (word, match) in exact)
        {
            LongestFirst.Insert(lists[(int)match.Action] ??= [], word);
        }
        var byAction = new string[lists.Length][];
        for (var action = 0; action < lists.Length; action++) byAction[action] = lists[action]?.ToArray() ?? [];
        return byAction;
    }

    /// <summary>Every word with its match, in the order the flow files list them (a word in two files: where first met).</summary>
    public IEnumerable<KeyValuePair<string, KeywordMatch>> All => _exact;

    /// <summary>A keyword that is the whole message.</summary>
    public KeywordMatch MatchWhole(string normalized) =>
        _exact.TryGetValue(normalized, out var match) ? match : KeywordMatch.None;

    /// <summary>The words of one action, normalised, longest first.</summary>
    public IReadOnlyList<string> WordsOf(KeywordAction action) => _wordsByAction[(int)action];

    /// <summary>
    /// When the message starts with a word of this action followed by more ("CHECK 45", "BUDDY ..."), what follows it,
    /// trimmed (empty when the word is the whole message); else null.
    /// </summary>
    public string? AfterLeadingWord(string normalized, KeywordAction action)
    {
        var words = WordsOf(action);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!normalized.StartsWith(word, StringComparison.Ordinal)) continue;
            if (normalized.Length == word.Length) return "";
            if (normalized[word.Length] == ' ') return normalized[(word.Length + 1)..];
        }
        return null;
    }

    /// <summary>
    /// The language of the word of this action the message starts with, when only one language has it (BUDDY: English,
    /// CONTACTO: Spanish); null for a word of several languages, or none.
    /// </summary>
    public string? LanguageOfLeadingWord(string normalized, KeywordAction action)
    {
        var words = WordsOf(action);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!normalized.StartsWith(word, StringComparison.Ordinal)) continue;
            if (normalized.Length == word.Length || normalized[word.Length] == ' ') return _exact[word].Language;
        }
        return null;
    }

    /// <summary>True when an emergency word or phrase of any language is anywhere in the message ("I'm in danger").</summary>
    public bool ContainsEmergency(string normalized) => _emergencySearch.AnyIn(normalized);

    /// <summary>
    /// The one language whose emergency words the message holds, when every emergency word in it is of that language
    /// only ("PELIGRO"); null for words of several languages ("911", "SOS"), a mix, or none.
    /// </summary>
    public string? EmergencyLanguage(string normalized)
    {
        string? language = null;
        foreach (var phrase in _emergencyPhrases)
        {
            if (!InputText.ContainsWords(normalized, phrase)) continue;
            var own = _exact[phrase].Language;
            if (own is null || (language is not null && language != own)) return null;
            language = own;
        }
        return language;
    }

    /// <summary>
    /// The language a language keyword of several words asks for, found anywhere in the message ("hola NO HABLO
    /// INGLES"), longest first; else null. Such a phrase says more than its words: "NO HABLO INGLES" holds INGLES, the
    /// word that asks for English, and was once read as asking for English.
    /// </summary>
    public string? LanguagePhraseIn(string normalized)
    {
        if (!_languagePhraseSearch.AnyIn(normalized)) return null;
        // Found: the longest first that names one language.
        var phrases = _wordsByAction[(int)KeywordAction.Language];
        for (var i = 0; i < phrases.Length; i++)
        {
            var phrase = phrases[i];
            if (!phrase.Contains(' ') || !InputText.ContainsWords(normalized, phrase)) continue;
            if (_exact[phrase].Language is { } language) return language;
        }
        return null;
    }

    /// <summary>
    /// The language the message says or asks for: the whole message a keyword of one language ("AYUDA"), or a language
    /// keyword of several words in it ("hola NO HABLO INGLES"), or a language keyword anywhere in it ("INFO ESPANOL");
    /// else null. A keyword that is only one of its words says nothing here ("no" in "no tengo doctor" is English's NO too).
    /// </summary>
    public string? LanguageAskedFor(string normalized)
    {
        if (normalized.Length == 0) return null;
        if ((MatchWhole(normalized).Language ?? LanguagePhraseIn(normalized)) is { } language) return language;
        foreach (var word in normalized.Split(' '))
        {
            if (_exact.TryGetValue(word, out var match) && match.Action == KeywordAction.Language) return match.Language;
        }
        return null;
    }

    /// <summary>The language of the message's first word that is a keyword of one language only ("HOLA"), else null.</summary>
    public string? LanguageOfFirstOwnWord(string normalized)
    {
        foreach (var word in normalized.Split(' '))
        {
            if (_exact.TryGetValue(word, out var match) && match.Language is not null) return match.Language;
        }
        return null;
    }
}
