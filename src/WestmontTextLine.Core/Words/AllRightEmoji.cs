namespace WestmontTextLine.Words;

/// <summary>
/// A text of only a thumbs-up (👍, any skin tone), an OK hand (👌), 🆗 or a check mark (✅, ✔️): how a phone answers
/// "Reply OK if you are all right." in one tap. Normalising drops them (they are no letters), so the check-in reads
/// them here. Not a smile or a heart: those do not say "I am all right" to that question.
/// </summary>
public static class AllRightEmoji
{
    /// <summary>True when the text holds at least one of these and nothing else but spaces, skin tones and emoji presentation marks.</summary>
    public static bool IsAllOf(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        var found = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '\uFE0F') continue;
            if (c is '\u2705' or '\u2714') { found = true; continue; }
            if (!char.IsHighSurrogate(c) || i + 1 >= text.Length) return false;
            var codePoint = char.ConvertToUtf32(c, text[++i]);
            if (codePoint is 0x1F44D or 0x1F44C or 0x1F197) found = true;
            else if (codePoint is < 0x1F3FB or > 0x1F3FF) return false; // a skin tone goes with the hand before it
        }
        return found;
    }
}
