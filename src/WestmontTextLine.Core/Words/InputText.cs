using System.Text;

namespace WestmontTextLine.Words;

/// <summary>
/// Normalises a texter's words for matching: upper case, accents dropped (a precomposed "ú" or a "u" and a combining
/// accent alike), apostrophes and invisible characters (zero-width joiners and spaces, soft hyphens) dropped inside a word, other punctuation and odd characters turned into spaces, runs of space folded. "¡Español!" and "espanol" both
/// become "ESPANOL"; "I'm", "I’m" and "im" all become "IM".
/// </summary>
public static class InputText
{
    // Two SMS segments' worth.
    private const int MaxOnStack = 320;

    public static string Normalize(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return "";
        if (IsAlreadyNormal(raw)) return raw;

        // At most two characters out for each in (a space before a letter; "🆘" as " SOS"). A text of one or two SMS
        // segments is written on the stack: only the string returned is allocated.
        Span<char> normal = raw.Length <= MaxOnStack ? stackalloc char[2 * MaxOnStack] : new char[2 * raw.Length];
        var length = 0;
        var pendingSpace = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            // Texters often leave the apostrophe out ("wont", "dont"); dropping it makes both spellings one word.
            if (IsApostrophe(c)) continue;
            // Invisible characters (a zero-width joiner a keyboard left, a soft hyphen) must not split "STOP" in two.
            if (IsInvisible(c)) continue;
            // An accent sent as a mark after its letter ("u" + U+0301, as some phones send "ú") is dropped as the
            // precomposed letter's accent is, instead of splitting "AYUDAME" into "AYU DAME".
            if (IsCombiningMark(c)) continue;
            if (IsSosEmoji(raw, i))
            {
                // 🆘 alone is a cry for help: it reads as the word SOS, an emergency word.
                if (length > 0) normal[length++] = ' ';
                "SOS".CopyTo(normal[length..]);
                length += 3;
                pendingSpace = true;
                i++;
                continue;
            }
            var folded = Fold(c);
            if (folded == '\0')
            {
                pendingSpace = length > 0;
                continue;
            }
            if (pendingSpace) normal[length++] = ' ';
            pendingSpace = false;
            normal[length++] = folded;
        }
        return new string(normal[..length]);
    }

    // The common case (a digit, a keyword typed in capitals) needs no copy.
    private static bool IsAlreadyNormal(string raw)
    {
        if (raw[0] == ' ' || raw[^1] == ' ') return false;
        var previousSpace = false;
        foreach (var c in raw)
        {
            var isSpace = c == ' ';
            if (isSpace && previousSpace) return false;
            if (!isSpace && !(c is >= 'A' and <= 'Z' || c is >= '0' and <= '9')) return false;
            previousSpace = isSpace;
        }
        return true;
    }

    // Latin-1 and Latin Extended-A letters with their base letter, from U+00C0. Written out because the app runs
    // with invariant globalization, where Unicode decomposition is not available.
    private const string LatinFolds =
        "AAAAAAACEEEEIIIIDNOOOOO\0OUUUUYTS" +
        "AAAAAAACEEEEIIIIDNOOOOO\0OUUUUYTY" +
        "AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGG" +
        "GGGGHHHHIIIIIIIIIIIIJJKKKLLLLLLL" +
        "LLLNNNNNNNNNOOOOOOOORRRRRRSSSSSS" +
        "SSTTTTTTUUUUUUUUUUUUWWYYYZZZZZZS";

    // U+1F198 SQUARED SOS, as the two UTF-16 units a string holds it in.
    private static bool IsSosEmoji(string raw, int at) => raw[at] == '\uD83C' && at + 1 < raw.Length && raw[at + 1] == '\uDD98';

    /// <summary>
    /// A normalised text with every letter typed three times or more in a row read once: "HELP MEEE" is "HELP ME",
    /// "SCAAARED" is "SCARED". No word of English or Spanish has a letter three times in a row; digits stay as typed.
    /// For the emergency, distress and courtesy checks only: keywords (STOP) are still matched as typed.
    /// </summary>
    public static string Unstretched(string normalized)
    {
        if (!HasStretch(normalized)) return normalized;
        var builder = new StringBuilder(normalized.Length);
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            var run = 1;
            while (i + run < normalized.Length && normalized[i + run] == c) run++;
            var stretched = run >= 3 && c is >= 'A' and <= 'Z';
            builder.Append(c, stretched ? 1 : run);
            i += run - 1;
        }
        return builder.ToString();
    }

    private static bool HasStretch(string normalized)
    {
        for (var i = 2; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (c is >= 'A' and <= 'Z' && normalized[i - 1] == c && normalized[i - 2] == c) return true;
        }
        return false;
    }

    private static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD';

    // Combining diacritical marks and their supplements; not the marks that enclose a symbol (a keycap "1⃣").
    private static bool IsCombiningMark(char c) =>
        c is (>= '\u0300' and <= '\u036F') or (>= '\u1AB0' and <= '\u1AFF') or (>= '\u1DC0' and <= '\u1DFF') or (>= '\uFE20' and <= '\uFE2F');

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '`' or '\u00B4' or '\u02BC';

    /// <summary>The matching form of one character: an ASCII letter or digit, or '\0' for a separator.</summary>
    private static char Fold(char c)
    {
        if (c is >= 'A' and <= 'Z' || c is >= '0' and <= '9') return c;
        if (c is >= 'a' and <= 'z') return (char)(c - 32);
        // Full-width forms, as some phone keyboards (Chinese, Japanese, Korean) type them: "９１１" is 911.
        if (c is >= '\uFF10' and <= '\uFF19') return (char)(c - '\uFF10' + '0');
        if (c is >= '\uFF21' and <= '\uFF3A') return (char)(c - '\uFF21' + 'A');
        // The digits of right-to-left keyboards (Arabic "٣", Persian and Urdu "۳") and the circled ones some phones offer ("③").
        if (c is >= '\u0660' and <= '\u0669') return (char)(c - '\u0660' + '0');
        if (c is >= '\u06F0' and <= '\u06F9') return (char)(c - '\u06F0' + '0');
        if (c is >= '\u2460' and <= '\u2468') return (char)(c - '\u2460' + '1');
        if (c is >= '\uFF41' and <= '\uFF5A') return (char)(c - '\uFF41' + 'A');
        var index = c - '\u00C0';
        return index >= 0 && index < LatinFolds.Length ? LatinFolds[index] : '\0';
    }

    /// <summary>True when the normalised text contains the normalised phrase as whole words.</summary>
    public static bool ContainsWords(string normalizedText, string normalizedPhrase)
    {
        var index = 0;
        while ((index = normalizedText.IndexOf(normalizedPhrase, index, StringComparison.Ordinal)) >= 0)
        {
            var end = index + normalizedPhrase.Length;
            var startsWord = index == 0 || normalizedText[index - 1] == ' ';
            var endsWord = end == normalizedText.Length || normalizedText[end] == ' ';
            if (startsWord && endsWord) return true;
            index++;
        }
        return false;
    }
}
