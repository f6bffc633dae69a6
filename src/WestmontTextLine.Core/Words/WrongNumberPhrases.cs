namespace WestmontTextLine.Words;

/// <summary>
/// What a number asked to be someone's safety contact writes when it is not theirs ("wrong number", "I don't know her",
/// "numero equivocado", "no la conozco"), from every language's <c>wrong_number</c> list: recognition words, never sent.
/// A phrase is found anywhere in a text, with its words together and in order ("sorry wrong number lol").
/// </summary>
public sealed class WrongNumberPhrases
{
    private readonly string[] _phrases;

    public WrongNumberPhrases(IEnumerable<string> phrases) =>
        _phrases = [.. phrases.Select(InputText.Normalize).Where(phrase => phrase.Length > 0).Distinct(StringComparer.Ordinal)];

    public static WrongNumberPhrases Empty { get; } = new([]);

    public int Count => _phrases.Length;

    /// <summary>True when the normalised text holds one of the phrases as whole words.</summary>
    public bool IsIn(string normalized)
    {
        foreach (var phrase in _phrases)
        {
            if (InputText.ContainsWords(normalized, phrase)) return true;
        }
        return false;
    }
}
