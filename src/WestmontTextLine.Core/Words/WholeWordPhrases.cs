using System.Buffers;

namespace WestmontTextLine.Words;

/// <summary>
/// A fixed list of normalised phrases, found as whole words in a normalised text in one pass over it: a
/// <see cref="SearchValues{T}"/> of the phrases finds each place where any of them starts, and only there are they
/// compared and their edges checked. Finds exactly what <see cref="InputText.ContainsWords"/> finds phrase by phrase,
/// one pass over the text a phrase.
/// </summary>
public sealed class WholeWordPhrases
{
    private readonly string[] _phrases;
    private readonly SearchValues<string> _starts;

    /// <param name="normalizedPhrases">The phrases; an empty one is left out (no flow may have one).</param>
    public WholeWordPhrases(IEnumerable<string> normalizedPhrases)
    {
        _phrases = [.. normalizedPhrases.Where(phrase => phrase.Length > 0).Distinct(StringComparer.Ordinal)];
        _starts = SearchValues.Create(_phrases, StringComparison.Ordinal);
    }

    public int Count => _phrases.Length;

    /// <summary>True when any of the phrases is in the text as whole words.</summary>
    public bool AnyIn(string normalized)
    {
        for (var at = NextStart(normalized, 0); at >= 0; at = NextStart(normalized, at + 1))
        {
            if (LongestAt(normalized, at) > 0) return true;
        }
        return false;
    }

    /// <summary>
    /// The text with every letter of each phrase found replaced by <paramref name="mask"/> (spaces kept); the same
    /// string when none is found.
    /// </summary>
    public string Masked(string normalized, char mask)
    {
        char[]? masked = null;
        for (var at = NextStart(normalized, 0); at >= 0; at = NextStart(normalized, at + 1))
        {
            // Phrases found at one place mask the letters of the longest of them.
            var length = LongestAt(normalized, at);
            if (length == 0) continue;
            masked ??= normalized.ToCharArray();
            for (var i = at; i < at + length; i++)
            {
                if (masked[i] != ' ') masked[i] = mask;
            }
        }
        return masked is null ? normalized : new string(masked);
    }

    /// <summary>Where the next place at or after <paramref name="from"/> is at which a phrase starts, words or not; -1 when none.</summary>
    private int NextStart(string normalized, int from)
    {
        if (from >= normalized.Length || _phrases.Length == 0) return -1;
        var found = normalized.AsSpan(from).IndexOfAny(_starts);
        return found < 0 ? -1 : from + found;
    }

    /// <summary>The length of the longest phrase found as whole words starting at <paramref name="at"/>; 0 when none.</summary>
    private int LongestAt(string normalized, int at)
    {
        if (at > 0 && normalized[at - 1] != ' ') return 0;
        var rest = normalized.AsSpan(at);
        var longest = 0;
        foreach (var phrase in _phrases)
        {
            if (phrase.Length <= longest || !rest.StartsWith(phrase, StringComparison.Ordinal)) continue;
            if (phrase.Length == rest.Length || rest[phrase.Length] == ' ') longest = phrase.Length;
        }
        return longest;
    }
}
