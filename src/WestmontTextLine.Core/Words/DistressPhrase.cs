namespace WestmontTextLine.Words;

/// <summary>
/// One line of a distress list: words separated by spaces, where a word may offer alternatives separated by "/".
/// "took/has/keeps my phone/passport/id" is any of those verbs, then "my", then any of those things.
/// An alternative written with a leading "=" is found only as written (or with a slip of one letter), not by its stem:
/// "=drugged" is not "drugs".
/// </summary>
public sealed record DistressPhrase(string Category, string Text, IReadOnlyList<string[]> Words)
{
    public const int MostWords = 6;

    /// <summary>Marks an alternative found only as written; it stays at the start of the normalised alternative.</summary>
    public const char AsWritten = '=';

    /// <summary>The phrase with each alternative normalised, or null and the reason it cannot be used.</summary>
    // Loops, not LINQ: every phrase of every list is parsed at each start, on the way to the first answer.
    public static DistressPhrase? Parse(string category, string text, out string? problem)
    {
        var words = new List<string[]>();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var alternatives = word.Split('/');
            for (var i = 0; i < alternatives.Length; i++) alternatives[i] = NormalizeAlternative(alternatives[i]);
            foreach (var alternative in alternatives)
            {
                if (alternative.Length > 0) continue;
                problem = $"'{text}' has an empty alternative in '{word}' (a / with nothing on one side, or no letters)";
                return null;
            }
            foreach (var alternative in alternatives)
            {
                if (!alternative.Contains(' ')) continue;
                problem = $"'{text}': '{word}' holds more than one word; put spaces between words and / between alternatives";
                return null;
            }
            words.Add(alternatives);
        }

        problem = words.Count switch
        {
            0 => $"'{text}' has no words",
            > MostWords => $"'{text}' has {words.Count} words; the most is {MostWords}",
            _ when IsOnlyNumbers(words) => $"'{text}' is only numbers, which pick menu options",
            _ => null,
        };
        return problem is null ? new DistressPhrase(category, text, words) : null;
    }

    private static bool IsOnlyNumbers(List<string[]> words)
    {
        foreach (var alternatives in words)
        {
            foreach (var alternative in alternatives)
            {
                foreach (var c in alternative.AsSpan().TrimStart(AsWritten))
                {
                    if (!char.IsAsciiDigit(c)) return false;
                }
            }
        }
        return true;
    }

    /// <summary>One alternative normalised, its "=" kept in front when it has one (and nothing when it has no letters).</summary>
    private static string NormalizeAlternative(string alternative)
    {
        if (!alternative.StartsWith(AsWritten)) return InputText.Normalize(alternative);
        var written = InputText.Normalize(alternative[1..]);
        return written.Length == 0 ? "" : AsWritten + written;
    }
}
