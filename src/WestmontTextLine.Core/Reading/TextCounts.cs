namespace WestmontTextLine.Reading;

/// <summary>
/// The counts reading formulas are made of. A word is a run of text between spaces that has a letter or a digit;
/// a number counts as one word of one syllable. A sentence ends at . ! or ? before a space or the end, and a text
/// without one is one sentence.
/// </summary>
public readonly record struct TextCounts(int Words, int Sentences, int Syllables)
{
    public static TextCounts Of(string text, Func<string, int> syllablesOfWord)
    {
        var (words, sentences, syllables) = (0, 0, 0);
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!token.Any(char.IsLetterOrDigit)) continue;
            words++;
            var letters = string.Concat(token.Where(char.IsLetter));
            syllables += letters.Length == 0 ? 1 : syllablesOfWord(letters);
            if (EndsSentence(token)) sentences++;
        }
        return new TextCounts(words, Math.Max(1, sentences), syllables);
    }

    private static bool EndsSentence(string token) => token.TrimEnd('"', '\'', ')') is [.., '.' or '!' or '?'];
}
