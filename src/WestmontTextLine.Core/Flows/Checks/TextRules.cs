using System.Text.RegularExpressions;

namespace WestmontTextLine.Flows.Checks;

/// <summary>The rules every text of a flow keeps: GSM-7 only, and in answers no typed-in number and only known referrals.</summary>
public static partial class TextRules
{
    // Five or more digits with up to two separators between them, "(630) 682 7400" whole: a phone number or a short code.
    [GeneratedRegex(@"(?<![\d(])(?:\+?\(?\d[\s().-]{0,2}){4,}\d(?!\d)")]
    private static partial Regex LongNumber();

    // Three-digit service numbers other than 911, which answers may name directly.
    [GeneratedRegex(@"(?<!\d)(?:211|311|411|511|611|711|811|988)(?!\d)")]
    private static partial Regex ServiceNumber();

    // The places the guide names where solicitation happens (Ogden Avenue, budget motels along Route 34): an editor
    // copying from the guide could paste them, and the line never says where. A shelter's address is not among them.
    [GeneratedRegex(@"\b(?:ogden(?:\s+ave(?:nue)?)?|(?:route|rt\.?)\s*34|motels?|hotels?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SolicitationPlace();

    public static FlowProblem Error(string message) => new(Severity.Error, message);

    public static void CheckSmsText(string where, string text, List<FlowProblem> problems)
    {
        // By rune, not char: an emoji is one character to an editor, not two halves of a surrogate pair. Each rune is
        // named once, where it first appears. A loop, not LINQ over runes: every flow text is checked at each start,
        // and LINQ's generic code over a struct is compiled by the JIT on the way to the first answer.
        var at = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if ((!rune.IsBmp || !SmsText.IsGsm7((char)rune.Value)) && !AppearsIn(text.AsSpan(0, at), rune))
            {
                problems.Add(Error($"{where}: character '{rune}' (U+{rune.Value:X4}) is not GSM-7; {WhatToWrite(rune)}"));
            }
            at += rune.Utf16SequenceLength;
        }
    }

    private static bool AppearsIn(ReadOnlySpan<char> text, System.Text.Rune rune)
    {
        foreach (var earlier in text.EnumerateRunes())
        {
            if (earlier == rune) return true;
        }
        return false;
    }

    /// <summary>The GSM-7 form to write instead (a straight quote for a curly one, i for í), or to leave it out.</summary>
    private static string WhatToWrite(System.Text.Rune rune)
    {
        var plain = rune.IsBmp ? Gsm7Text.Normalize(rune.ToString()) : "";
        return plain.Length > 0 && plain != rune.ToString() && SmsText.IsGsm7(plain)
            ? (plain == "\"" ? "write '\"' instead" : $"write \"{plain}\" instead")
            : "leave it out, or write it in words";
    }

    /// <summary>Any text the line sends (an answer, a label, a message): it never names where solicitation happens.</summary>
    public static void CheckNoSolicitationPlace(string where, string text, List<FlowProblem> problems)
    {
        // Most texts name none: asked first, so that they cost no match objects at each start.
        if (!SolicitationPlace().IsMatch(text)) return;
        var places = SolicitationPlace().Matches(text).Select(m => $"'{m.Value}'").Distinct().ToList();
        if (places.Count > 0)
        {
            problems.Add(Error($"{where}: names where solicitation happens ({string.Join(", ", places)}); the line never says where "
                + "(no streets, motels or websites): take it out"));
        }
    }

    /// <summary>An answer, label or message: GSM-7, numbers only through {ref:id}, and every id in the directory.</summary>
    public static void CheckAnswerText(string where, string text, FlowCheckInput input, List<FlowProblem> problems)
    {
        CheckSmsText(where, text, problems);
        var withoutPlaceholders = ReferralPlaceholders.Without(text);
        var number = LongNumber().Match(withoutPlaceholders);
        if (!number.Success) number = ServiceNumber().Match(withoutPlaceholders);
        if (number.Success)
        {
            problems.Add(Error($"{where}: has the phone number '{number.Value.Trim()}' typed in; name a referral with {{ref:id}} instead"));
        }
        CheckNoSolicitationPlace(where, withoutPlaceholders, problems);
        foreach (var id in ReferralPlaceholders.IdsIn(text).Where(id => !input.Referrals.Referrals.ContainsKey(id)))
        {
            problems.Add(Error($"{where}: referral '{id}' is not in {input.ReferralsFile}"));
        }
    }
}
