using WestmontTextLine.Words;

namespace WestmontTextLine.Flows;

/// <summary>
/// One language's words that must not show on a lock screen. An entry is one word, matched whole after
/// normalisation ("PrEP" = "prep"); a trailing * also matches any ending ("traffick*": trafficking, trafficked).
/// </summary>
public sealed class SensitiveWords
{
    public const int ShortestPrefix = 3;

    private readonly HashSet<string> _words = new(StringComparer.Ordinal);
    private readonly List<string> _prefixes = [];

    public SensitiveWords(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            var isPrefix = entry.TrimEnd().EndsWith('*');
            var word = InputText.Normalize(entry.TrimEnd().TrimEnd('*'));
            if (isPrefix) _prefixes.Add(word);
            else _words.Add(word);
        }
    }

    public static SensitiveWords None { get; } = new([]);

    public bool IsEmpty => _words.Count == 0 && _prefixes.Count == 0;

    /// <summary>Why an entry of the list cannot be used, or null when it is fine.</summary>
    public static string? ProblemWith(string entry)
    {
        var trimmed = entry.Trim();
        var isPrefix = trimmed.EndsWith('*');
        var word = InputText.Normalize(trimmed.TrimEnd('*'));
        if (word.Length == 0) return $"'{entry}' has no letters";
        if (word.Contains(' ') || trimmed.TrimEnd('*').Contains('*')) return $"'{entry}' must be one word (a * may end it, to match any ending)";
        if (isPrefix && word.Length < ShortestPrefix) return $"'{entry}' is too short to end with *: give at least {ShortestPrefix} letters before it";
        return null;
    }

    /// <summary>True when a normalised word is on the list, or begins with a listed prefix.</summary>
    // Loops, not Any with a lambda: the lock-screen check asks this of every word a reply opens with, at each start.
    public bool Contains(string normalizedWord)
    {
        if (_words.Contains(normalizedWord)) return true;
        foreach (var prefix in _prefixes)
        {
            if (normalizedWord.StartsWith(prefix, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>True when a normalised word cut short could be the start of a listed word ("TRAFF").</summary>
    public bool CouldBegin(string normalizedStart)
    {
        foreach (var word in _words)
        {
            if (word.StartsWith(normalizedStart, StringComparison.Ordinal)) return true;
        }
        foreach (var prefix in _prefixes)
        {
            if (prefix.StartsWith(normalizedStart, StringComparison.Ordinal) || normalizedStart.StartsWith(prefix, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
