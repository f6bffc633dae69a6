using System.Text;

namespace WestmontTextLine.Flows;

/// <summary>
/// The {ref:id} an answer or message names an organisation with; the renderer fills in its contact. A placeholder runs
/// from "{ref:" to the next "}" (the id is what lies between); a "{ref:" with no "}" after it is plain text. Read by
/// hand, not with a regex: every reply is rendered on the way to the first answer, and a regex's replace with a
/// callback is generic code the JIT must compile first.
/// </summary>
public static class ReferralPlaceholders
{
    private const string Opening = "{ref:";

    /// <summary>The referral ids a text names, in order.</summary>
    public static IEnumerable<string> IdsIn(string text)
    {
        var ids = new List<string>();
        Replace(text, id =>
        {
            ids.Add(id);
            return "";
        });
        return ids;
    }

    /// <summary>The text without its placeholders: its own words.</summary>
    public static string Without(string text) => Replace(text, _ => "");

    /// <summary>The text with each placeholder replaced by what <paramref name="replacement"/> gives for its id.</summary>
    public static string Replace(string text, Func<string, string> replacement)
    {
        StringBuilder? replaced = null;
        var copied = 0;
        var at = 0;
        while ((at = text.IndexOf(Opening, at, StringComparison.Ordinal)) >= 0)
        {
            var close = text.IndexOf('}', at + Opening.Length);
            if (close < 0) break;
            replaced ??= new StringBuilder(text.Length);
            replaced.Append(text, copied, at - copied).Append(replacement(text[(at + Opening.Length)..close]));
            copied = at = close + 1;
        }
        return replaced is null ? text : replaced.Append(text, copied, text.Length - copied).ToString();
    }
}
