namespace WestmontTextLine.Words;

/// <summary>
/// A text of only emoji that answer "Reply OK if you are all right." in one tap. Yes: a thumbs-up (👍, any skin tone),
/// an OK hand (👌), 🆗 or a check mark (✅, ✔️). No: a thumbs-down (👎). Normalising drops them (they are no letters),
/// so the check-in reads them here. Not a smile or a heart: those do not say "I am all right" to that question.
/// </summary>
public static class AnswerEmoji
{
    /// <summary>True when the text holds at least one yes emoji and nothing else but spaces, skin tones and emoji presentation marks.</summary>
    public static bool IsYes(string? text) => AllOf(text, codePoint => codePoint is 0x1F44D or 0x1F44C or 0x1F197 or 0x2705 or 0x2714);

    /// <summary>True when the text is thumbs-down only (👎, any skin tone).</summary>
    public static bool IsNo(string? text) => AllOf(text, codePoint => codePoint == 0x1F44E);

    private static bool AllOf(string? text, Func<int, bool> answers)
    {
        if (string.IsNullOrEmpty(text)) return false;
        var found = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '\uFE0F') continue;
            int codePoint;
            if (!char.IsSurrogate(c)) codePoint = c;
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) codePoint = char.ConvertToUtf32(c, text[++i]);
            else return false;
            if (answers(codePoint)) found = true;
            else if (codePoint is < 0x1F3FB or > 0x1F3FF) return false; // a skin tone goes with the hand before it
        }
        return found;
    }
}
