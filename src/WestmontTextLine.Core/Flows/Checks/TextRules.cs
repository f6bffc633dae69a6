using System.Text.RegularExpressions;

namespace WestmontTextLine.Flows.Checks;

/// <summary>The rules every text of a flow keeps: GSM-7 only, and in answers no typed-in number and only known referrals.</summary>
public static partial class TextRules
{
    // Five or more digits with single separators between them: a phone number or a short code.
    [GeneratedRegex(@"(?<!\d)(?:\+?\d[\s().-]?){4,}\d(?!\d)")]
    private static partial Regex LongNumber();

    // Three-digit service numbers other than 911, which answers may name directly.
    [GeneratedRegex(@"(?<!\d)(?:211|311|411|511|611|711|811|988)(?!\d)")]
    private static partial Regex ServiceNumber();

    public static FlowProblem Error(string message) => new(Severity.Error, message);

    public static void CheckSmsText(string where, string text, List<FlowProblem> problems)
    {
        foreach (var c in text.Distinct().Where(c => !SmsText.IsGsm7(c)))
        {
            problems.Add(Error($"{where}: character '{c}' (U+{(int)c:X4}) is not GSM-7"));
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
        foreach (var id in ReferralPlaceholders.IdsIn(text).Where(id => !input.Referrals.Referrals.ContainsKey(id)))
        {
            problems.Add(Error($"{where}: referral '{id}' is not in {input.ReferralsFile}"));
        }
    }
}
