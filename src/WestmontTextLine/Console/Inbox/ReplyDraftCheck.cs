using WestmontTextLine.Flows;
using WestmontTextLine.Flows.Checks;

namespace WestmontTextLine.Console.Inbox;

/// <summary>
/// What a staff reply being typed would cost and show, by the line's own rules, measured as it will be sent (curly
/// quotes, dashes and accents made plain by <see cref="Gsm7Text"/>, as the inbox does): its segments and encoding
/// (<see cref="SmsText"/>), whether it fits the 3 segments a reply may take, the first character a text cannot carry in
/// GSM-7, and the sensitive words its first 40 characters would show on a lock screen (<see cref="LockScreenCheck"/>,
/// with the texter's language's list). The reply form shows it as staff type; nothing here stops a send but length
/// and characters, which the inbox refuses too.
/// </summary>
public sealed record ReplyDraftCheck(
    int Characters,
    int Segments,
    string Encoding,
    int Budget,
    string? NotGsm7,
    bool TooLong,
    IReadOnlyList<string> LockScreenWords)
{
    public static ReplyDraftCheck Of(string typed, LanguageFlow language)
    {
        var text = Gsm7Text.Normalize(typed).Trim();
        var gsm7 = SmsText.IsGsm7(text);
        var segments = SmsText.Segments(text);
        var characters = gsm7 ? SmsText.Septets(text) : text.Length;
        var budget = gsm7 ? SmsText.SeptetBudget(Math.Max(segments, 1)) : (segments <= 1 ? SmsText.SingleSegmentUcs2 : segments * SmsText.MultiSegmentUcs2);
        return new ReplyDraftCheck(
            characters,
            segments,
            gsm7 ? "GSM-7" : "UCS-2",
            budget,
            FirstNotGsm7(text),
            segments > SmsText.MaxSegments,
            LockScreenCheck.WordsShown(text, language.SensitiveWords));
    }

    // The whole character, an emoji's two UTF-16 halves together.
    private static string? FirstNotGsm7(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!rune.IsBmp || !SmsText.IsGsm7((char)rune.Value)) return rune.ToString();
        }
        return null;
    }

    /// <summary>"1 segment, GSM-7: 42 of 160 characters".</summary>
    public string Summary => $"{Segments} segment{(Segments == 1 ? "" : "s")}, {Encoding}: {Characters} of {Budget} characters";

    /// <summary>The most characters a reply may have in its encoding: 3 segments' worth.</summary>
    public int MaxCharacters => Encoding == "GSM-7" ? SmsText.SeptetBudget(SmsText.MaxSegments) : SmsText.MaxSegments * SmsText.MultiSegmentUcs2;

    /// <summary>Why this text cannot go out as it is, or null.</summary>
    public string? Problem =>
        NotGsm7 is { } character ? $"\"{character}\" is not a character a plain text can carry (GSM-7): use plain letters and straight quotes." :
        TooLong ? $"Longer than {SmsText.MaxSegments} segments: {Characters} characters, and a reply may have at most {MaxCharacters} " +
            $"in {Encoding}. Shorten it." :
        null;

    /// <summary>A warning when the start of the reply would give the subject away on a locked phone, or null.</summary>
    public string? LockScreenWarning => LockScreenWords.Count == 0 ? null :
        $"A locked phone shows the first {LockScreenCheck.VisibleCharacters} characters: this reply shows " +
        $"{string.Join(", ", LockScreenWords.Select(word => $"\"{word}\""))} there. Start with something neutral.";
}
