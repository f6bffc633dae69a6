using static WestmontTextLine.Flows.Checks.TextRules;

namespace WestmontTextLine.Flows.Checks;

/// <summary>Every node can be reached from the start by picking options: an answer no menu leads to is lost.</summary>
public sealed class ReachabilityCheck : IFlowCheck
{
    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        foreach (var (file, document) in input.Languages.Where(l => LanguageFileCheck.HasStart(l.Document)))
        {
            var reached = NodeGraph.ParentsIn(document);
            foreach (var id in document.Nodes.Keys.Where(id => id != document.Start && !reached.ContainsKey(id)))
            {
                problems.Add(Error($"{file}: node '{id}' is not reachable from '{document.Start}'"));
            }
        }
    }
}
