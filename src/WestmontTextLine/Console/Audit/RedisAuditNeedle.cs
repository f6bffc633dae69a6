using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The text of "To what" as Redis searches the parts' text lines for it (<see cref="RedisAuditScripts"/>): for each
/// letter, every letter that <see cref="AuditFilter.Matches"/> (<see cref="StringComparison.OrdinalIgnoreCase"/>) takes
/// as the same ("é": é and É; "a": a), in UTF-8 and in lower case where ASCII, as the lines hold the targets. Classes
/// are apart by byte 0, the letters of a class by byte 1. A text with a control character, which no target holds, is
/// one class no line holds. So Redis compares "José", "Ñ" or "é" as the line does, without reading a part out of it.
/// Half of a surrogate pair (which no browser sends: a form is UTF-8) has no UTF-8 form: .NET finds it in a pair, so
/// such a text is compared by the line (null).
/// </summary>
internal static class RedisAuditNeedle
{
    /// <summary>A byte that no text line holds (an entry holds no control character).</summary>
    public const string Nowhere = "\u0002";

    private static readonly Lazy<FrozenDictionary<int, string[]>> Alike = new(AlikeLetters);

    public static string? For(string text)
    {
        if (text.Any(char.IsControl)) return Nowhere;
        if (!IsWellFormed(text)) return null;
        var classes = new List<string>();
        foreach (var letter in text.EnumerateRunes())
        {
            var forms = Alike.Value.TryGetValue(letter.Value, out var alike) ? alike : [letter.ToString()];
            classes.Add(string.Join('\u0001', forms.Select(LowerAscii).Distinct(StringComparer.Ordinal)));
        }
        return string.Join('\0', classes);
    }

    /// <summary>Lower case as Lua's string.lower folds (ASCII A-Z only), as the text lines hold the targets.</summary>
    private static string LowerAscii(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++) span[i] = source[i] is >= 'A' and <= 'Z' ? (char)(source[i] + 32) : source[i];
    });

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }

    /// <summary>
    /// Each letter that OrdinalIgnoreCase takes as the same as another, with all of them: the letters with a case
    /// (and the few marks, numbers and symbols that have one: ⅰ, ⓐ, U+0345) of the planes where Unicode has case,
    /// sorted in that comparison, so letters it takes as equal sit together. 20-50 ms, once, at the first such search.
    /// </summary>
    private static FrozenDictionary<int, string[]> AlikeLetters()
    {
        var cased = new List<string>();
        for (var code = 0; code <= LastCasedPlaneEnd; code++)
        {
            if (code is >= 0xD800 and <= 0xDFFF) continue;
            if (CharUnicodeInfo.GetUnicodeCategory(code) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
                or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.LetterNumber or UnicodeCategory.OtherSymbol
                or UnicodeCategory.NonSpacingMark)
            {
                cased.Add(char.ConvertFromUtf32(code));
            }
        }
        cased.Sort(StringComparer.OrdinalIgnoreCase);
        var alike = new Dictionary<int, string[]>();
        for (var from = 0; from < cased.Count;)
        {
            var to = from + 1;
            while (to < cased.Count && string.Equals(cased[from], cased[to], StringComparison.OrdinalIgnoreCase)) to++;
            if (to - from > 1)
            {
                var group = cased[from..to].ToArray();
                foreach (var letter in group) alike[char.ConvertToUtf32(letter, 0)] = group;
            }
            from = to;
        }
        return alike.ToFrozenDictionary();
    }

    /// <summary>The end of plane 1: no letter past it has a case.</summary>
    private const int LastCasedPlaneEnd = 0x1FFFF;
}
