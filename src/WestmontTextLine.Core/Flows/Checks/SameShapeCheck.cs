using static WestmontTextLine.Flows.Checks.TextRules;

namespace WestmontTextLine.Flows.Checks;

/// <summary>Every language has the same nodes, start, options and referrals as the first: a digit means the same in each.</summary>
public sealed class SameShapeCheck : IFlowCheck
{
    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        var languages = input.Languages;
        if (languages.Count < 2) return;
        var reference = languages[0];
        foreach (var other in languages.Skip(1))
        {
            var (file, nodes) = (other.FileName, other.Document.Nodes);
            if (other.Document.Start != reference.Document.Start)
            {
                problems.Add(Error($"{file}: start is '{other.Document.Start}', but {reference.FileName} starts at '{reference.Document.Start}'"));
            }
            foreach (var id in reference.Document.Nodes.Keys.Where(id => !nodes.ContainsKey(id)))
            {
                problems.Add(Error($"{file}: node '{id}' is missing (it is in {reference.FileName})"));
            }
            foreach (var id in nodes.Keys.Where(id => !reference.Document.Nodes.ContainsKey(id)))
            {
                problems.Add(Error($"{file}: node '{id}' is not in {reference.FileName}"));
            }
            foreach (var (id, node) in nodes)
            {
                if (node is null || reference.Document.Nodes.GetValueOrDefault(id) is not { } model) continue;
                if (!node.Options.SequenceEqual(model.Options))
                {
                    problems.Add(Error($"{file}: node '{id}': options [{string.Join(", ", node.Options)}] differ from {reference.FileName} [{string.Join(", ", model.Options)}]"));
                }
                if (!node.Referrals.SequenceEqual(model.Referrals))
                {
                    problems.Add(Error($"{file}: node '{id}': referrals [{string.Join(", ", node.Referrals)}] differ from {reference.FileName} [{string.Join(", ", model.Referrals)}]"));
                }
            }
        }
    }
}
