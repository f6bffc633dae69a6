using System.Text;

namespace WestmontTextLine.Flows;

/// <summary>Turns nodes, messages and referrals into the exact text a texter receives.</summary>
public sealed class ReplyRenderer(string language, IReadOnlyDictionary<string, Referral> referrals, string referralText)
{
    /// <summary>How to reach an organisation: its phone, its text line, else its website, else nothing.</summary>
    public string Contact(Referral referral)
    {
        var parts = new List<string>(2);
        if (referral.Phone is not null) parts.Add(referral.Phone);
        if (referral.TextNumber is not null)
        {
            parts.Add(referralText.Replace("{keyword}", referral.TextKeyword).Replace("{number}", referral.TextNumber));
        }
        if (parts.Count == 0 && referral.Website is not null) parts.Add(referral.Website);
        return string.Join(", ", parts);
    }

    public string ReferralLine(Referral referral)
    {
        var contact = Contact(referral);
        var label = referral.Labels[language];
        return contact.Length == 0 ? label : $"{label}: {contact}";
    }

    /// <summary>Replaces each {ref:id} with that organisation's contact.</summary>
    public string FillPlaceholders(string text) =>
        ReferralPlaceholders.Replace(text, id => Contact(referrals[id])).Trim();

    public string Node(NodeDocument node, Func<string, string> labelOf, string footer)
    {
        var reply = new StringBuilder(FillPlaceholders(node.Text!));
        foreach (var id in node.Referrals) reply.Append('\n').Append(ReferralLine(referrals[id]));
        for (var i = 0; i < node.Options.Count; i++) reply.Append('\n').Append(i + 1).Append(' ').Append(labelOf(node.Options[i]));
        if (footer.Length > 0) reply.Append('\n').Append(footer);
        return reply.ToString();
    }

    public static string Lines(params string[] lines) => string.Join('\n', lines.Where(l => l.Length > 0));
}
