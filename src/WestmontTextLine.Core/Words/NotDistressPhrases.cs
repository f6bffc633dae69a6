namespace WestmontTextLine.Words;

/// <summary>
/// Phrases that say nobody is in danger ("not in danger", "no tengo miedo", "does the test hurt"), from every
/// language's <c>not_distress</c> list. Their words are masked before a text is checked for emergency words and
/// distress, so "I'm not in danger, just asking about testing" gets its answer, not the emergency reply; anything
/// else in the text still counts ("I'm not hurt but he has a gun" is still distress). A phrase is found only with its
/// words together and in order, and has two words or more (a single word could mask an emergency word itself).
/// </summary>
public sealed class NotDistressPhrases
{
    /// <summary>What a masked word becomes: no keyword or distress word can match it, and the words keep their places.</summary>
    public const char Mask = '~';

    public const int LeastWords = 2;

    private readonly WholeWordPhrases _phrases;

    public NotDistressPhrases(IEnumerable<string> phrases) =>
        _phrases = new WholeWordPhrases(phrases.Select(InputText.Normalize).Where(HasEnoughWords));

    public static NotDistressPhrases Empty { get; } = new([]);

    public int Count => _phrases.Count;

    /// <summary>The normalised text with every letter of each phrase found replaced by <see cref="Mask"/>; the same string when none is.</summary>
    public string Masked(string normalized) => _phrases.Masked(normalized, Mask);

    /// <summary>Whether a phrase can be used: <see cref="LeastWords"/> words or more once normalised (the flow check refuses the others).</summary>
    public static bool IsUsable(string phrase) => HasEnoughWords(InputText.Normalize(phrase));

    // A normalised text has single spaces between its words and none at its ends.
    private static bool HasEnoughWords(string normalized) => normalized.Length > 0 && normalized.Count(c => c == ' ') + 1 >= LeastWords;
}
