namespace WestmontTextLine.Words;

/// <summary>
/// A whole text that thanks or closes ("thanks", "bye", "got it", "gracias", "adios"), from every language's
/// <c>courtesy</c> list: recognition words, never sent. Only the whole text counts: "thanks, where can I get tested"
/// is a question.
/// </summary>
public sealed class CourtesyPhrases
{
    private readonly HashSet<string> _phrases;

    public CourtesyPhrases(IEnumerable<string> phrases) =>
        _phrases = [.. phrases.Select(InputText.Normalize).Where(phrase => phrase.Length > 0)];

    public static CourtesyPhrases Empty { get; } = new([]);

    public int Count => _phrases.Count;

    /// <summary>True when the normalised text is one of the phrases, its stretched letters read once ("thanksss", "byeeee").</summary>
    public bool IsWhole(string normalized) =>
        _phrases.Count > 0 && normalized.Length > 0 && (_phrases.Contains(normalized) || _phrases.Contains(InputText.Unstretched(normalized)));
}
