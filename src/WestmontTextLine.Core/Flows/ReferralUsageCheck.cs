namespace WestmontTextLine.Flows;

/// <summary>A referral that no answer or message names is probably a mistake.</summary>
public static class ReferralUsageCheck
{
    public static void Check(string referralsName, Flow flow, IReadOnlyList<ParsedLanguage> languages, List<FlowProblem> problems)
    {
        var used = new HashSet<string>();
        foreach (var (_, document) in languages)
        {
            foreach (var node in document.Nodes.Values) used.UnionWith(node!.Referrals);
            foreach (var text in document.Messages.Values.Concat(document.Nodes.Values.Select(n => n!.Text!)))
            {
                foreach (System.Text.RegularExpressions.Match m in FlowValidator.ReferralPlaceholder().Matches(text))
                {
                    used.Add(m.Groups[1].Value);
                }
            }
        }
        foreach (var id in flow.Referrals.Keys.Where(id => !used.Contains(id)))
        {
            problems.Add(new(Severity.Warning, $"{referralsName}: referral '{id}' is not used by any node"));
        }
    }
}
