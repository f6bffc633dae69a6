using System.Text.RegularExpressions;

namespace WestmontTextLine.Flows;

/// <summary>The {ref:id} an answer or message names an organisation with; the renderer fills in its contact.</summary>
public static partial class ReferralPlaceholders
{
    [GeneratedRegex(@"\{ref:([^}]*)\}")]
    public static partial Regex Pattern();

    /// <summary>The referral ids a text names.</summary>
    public static IEnumerable<string> IdsIn(string text) => Pattern().Matches(text).Select(m => m.Groups[1].Value);

    /// <summary>The text without its placeholders: its own words.</summary>
    public static string Without(string text) => Pattern().Replace(text, "");
}
