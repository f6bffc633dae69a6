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

    /// <summary>
    /// True when the normalised text holds one of the phrases as whole words, but for a phrase that ends in HER or ANY
    /// followed by what she has or how well she is known: "I don't know her address", "I don't know her well", "I don't
    /// know any details" are said by her friend, about her. Read as a wrong number, a contact who agreed, writing so
    /// after her code word's alert, was told "This number will not get texts for that person" and taken off her plan.
    /// </summary>
    public bool IsIn(string normalized)
    {
        foreach (var phrase in _phrases)
        {
            for (var index = normalized.IndexOf(phrase, StringComparison.Ordinal); index >= 0;
                 index = normalized.IndexOf(phrase, index + 1, StringComparison.Ordinal))
            {
                var end = index + phrase.Length;
                var startsWord = index == 0 || normalized[index - 1] == ' ';
                var endsWord = end == normalized.Length || normalized[end] == ' ';
                if (startsWord && endsWord && !AboutHer(phrase, normalized, end)) return true;
            }
        }
        return false;
    }

    /// <summary>"her" or "any" opening what comes after it ("her address", "any details"): the phrase is about her, not a stranger's.</summary>
    private static bool AboutHer(string phrase, string normalized, int end)
    {
        if (end == normalized.Length) return false;
        var next = normalized[(end + 1)..];
        var space = next.IndexOf(' ');
        var word = space < 0 ? next : next[..space];
        return phrase.EndsWith(" HER", StringComparison.Ordinal) ? WhatSheHas.Contains(word)
            : phrase.EndsWith(" ANY", StringComparison.Ordinal) && WhatAnyOpens.Contains(word);
    }

    private static readonly HashSet<string> WhatSheHas =
    [
        "ADDRESS", "LOCATION", "WHEREABOUTS", "PLAN", "PLANS", "NUMBER", "PHONE", "CELL", "PASSWORD", "SCHEDULE", "PLACE",
        "HOUSE", "HOME", "APARTMENT", "APT", "ROOM", "HOTEL", "WORK", "JOB", "CAR", "FRIENDS", "FRIEND", "FAMILY", "MOM",
        "DAD", "BOYFRIEND", "BF", "GIRLFRIEND", "MAN", "SITUATION", "CODE", "NEW", "LAST", "CURRENT", "EXACT", "REAL",
        "FULL", "WELL", "THAT", "VERY", "MUCH", "ENOUGH", "ANYMORE", "LIKE",
    ];

    private static readonly HashSet<string> WhatAnyOpens =
    [
        "DETAILS", "DETAIL", "INFO", "INFORMATION", "MORE", "OF", "THING", "THINGS", "BETTER", "ADDRESS", "NUMBER", "OTHER",
        "WAY", "PLACE",
    ];
}
