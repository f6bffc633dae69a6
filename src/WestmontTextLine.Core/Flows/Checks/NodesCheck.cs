using System.Text.RegularExpressions;
using static WestmontTextLine.Flows.Checks.TextRules;

namespace WestmontTextLine.Flows.Checks;

/// <summary>Each node: a plain id, a text, a label (but the start), at most nine options that name other nodes, known referrals.</summary>
public sealed partial class NodesCheck : IFlowCheck
{
    // Node ids name states in the menu diagram and nodes in usage counts, so they stay plain.
    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex NodeId();

    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        foreach (var (file, document) in input.Languages.Where(l => LanguageFileCheck.HasStart(l.Document)))
        {
            foreach (var (id, node) in document.Nodes)
            {
                var where = $"{file}: node '{id}'";
                if (node is null)
                {
                    problems.Add(Error($"{where}: is empty"));
                    continue;
                }
                if (!NodeId().IsMatch(id)) problems.Add(Error($"{where}: an id may use only a-z, 0-9 and _"));
                else if (id == Flow.RootState) problems.Add(Error($"{where}: the id '{id}' is reserved for the line itself"));
                if (string.IsNullOrWhiteSpace(node.Text)) problems.Add(Error($"{where}: text is missing"));
                else CheckAnswerText(where, node.Text, input, problems);
                if (id != document.Start && string.IsNullOrWhiteSpace(node.Label)) problems.Add(Error($"{where}: label is missing"));
                if (node.Label is not null) CheckAnswerText($"{where}: label", node.Label, input, problems);
                CheckOptions(where, id, node, document, problems);
                foreach (var referral in node.Referrals.Where(r => !input.Referrals.Referrals.ContainsKey(r)))
                {
                    problems.Add(Error($"{where}: referral '{referral}' is not in {input.ReferralsFile}"));
                }
                foreach (var topic in node.Topics) CheckSmsText($"{where}: topic '{topic}'", topic, problems);
            }
        }
    }

    private static void CheckOptions(string where, string id, NodeDocument node, LanguageDocument document, List<FlowProblem> problems)
    {
        if (node.Options.Count > Flow.MaxOptions)
        {
            problems.Add(Error($"{where}: has {node.Options.Count} options; the most is {Flow.MaxOptions}"));
        }
        for (var i = 0; i < node.Options.Count; i++)
        {
            var target = node.Options[i];
            if (target == id) problems.Add(Error($"{where}: option {i + 1} points to the node itself"));
            else if (!document.Nodes.ContainsKey(target)) problems.Add(Error($"{where}: option {i + 1} points to missing node '{target}'"));
        }
    }
}
