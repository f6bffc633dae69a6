using WestmontTextLine.Words;

namespace WestmontTextLine.Flows;

/// <summary>A keyword's action and, when only one language uses the word, that language.</summary>
public readonly record struct KeywordMatch(KeywordAction Action, string? Language);

/// <summary>Every global keyword of every language, by its normalised form.</summary>
public sealed class KeywordIndex
{
    private readonly Dictionary<string, KeywordMatch> _exact;
    private readonly string[] _emergencyPhrases;

    public KeywordIndex(Dictionary<string, KeywordMatch> exact, string[] emergencyPhrases)
    {
        _exact = exact;
        _emergencyPhrases = emergencyPhrases;
    }

    public IEnumerable<KeyValuePair<string, KeywordMatch>> All => _exact;

    /// <summary>A keyword that is the whole message.</summary>
    public KeywordMatch MatchWhole(string normalized) =>
        _exact.TryGetValue(normalized, out var match) ? match : default;

    /// <summary>True when an emergency word or phrase of any language is anywhere in the message ("I'm in danger").</summary>
    public bool ContainsEmergency(string normalized)
    {
        foreach (var phrase in _emergencyPhrases)
        {
            if (InputText.ContainsWords(normalized, phrase)) return true;
        }
        return false;
    }

    /// <summary>
    /// The language the message asks for: a language keyword anywhere in it ("INFO ESPANOL"), else any word that
    /// belongs to one language only ("HOLA"), else null.
    /// </summary>
    public string? LanguageOfWords(string normalized)
    {
        if (normalized.Length == 0) return null;
        var whole = MatchWhole(normalized);
        if (whole.Language is not null) return whole.Language;
        string? firstOwnWord = null;
        foreach (var word in normalized.Split(' '))
        {
            if (!_exact.TryGetValue(word, out var match) || match.Language is null) continue;
            if (match.Action == KeywordAction.Language) return match.Language;
            firstOwnWord ??= match.Language;
        }
        return firstOwnWord;
    }
}
