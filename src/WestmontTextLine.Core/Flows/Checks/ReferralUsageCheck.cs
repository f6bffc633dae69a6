namespace WestmontTextLine.Flows.Checks;

/// <summary>A referral that no answer or message names is probably a mistake.</summary>
public sealed class ReferralUsageCheck : IFlowCheck
{
    public bool NeedsBuiltFlow => true;

    public bool OnlyWarns => true;

    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        var (referralsName, flow, languages) = (input.ReferralsFile, input.BuiltFlow, input.Languages);
        var used = new HashSet<string>();
        foreach (var (_, document) in languages)
        {
            foreach (var node in document.Nodes.Values) used.UnionWith(node!.Referrals);
            foreach (var text in document.Messages.Values.Concat(document.Nodes.Values.Select(n => n!.Text!)))
            {
                used.UnionWith(ReferralPlaceholders.IdsIn(text));
            }
        }
        foreach (var id in flow.Referrals.Keys.Where(id => !used.Contains(id)))
        {
            problems.Add(new(Severity.Warning, $"{referralsName}: referral '{id}' is not used by any node; name it in an answer (referrals: [{id}] or {{ref:{id}}}) or remove it"));
        }
    }
}
