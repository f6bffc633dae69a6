using static WestmontTextLine.Flows.Checks.TextRules;

namespace WestmontTextLine.Flows.Checks;

/// <summary>
/// "Talk to a person": the talk keywords need the talk node (<see cref="Flow.TalkNode"/>), where the line hands the
/// texter to staff, and that node is an answer, not a menu. The day names that say when staff are next in are seven.
/// </summary>
public sealed class TalkNodeCheck : IFlowCheck
{
    public const int DaysInAWeek = 7;

    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        foreach (var (file, document) in input.Languages)
        {
            var node = document.Nodes.GetValueOrDefault(Flow.TalkNode);
            if (document.Keywords.ContainsKey("talk") && !document.Nodes.ContainsKey(Flow.TalkNode))
            {
                problems.Add(Error($"{file}: keywords 'talk' need a node '{Flow.TalkNode}', where the line hands the texter to staff"));
            }
            if (node is { Options.Count: > 0 })
            {
                problems.Add(Error($"{file}: node '{Flow.TalkNode}' is where the line hands the texter to staff: it may not have options"));
            }
            if (document.Messages.TryGetValue("handoff_days", out var days) && DayNames(days).Count != DaysInAWeek)
            {
                problems.Add(Error(
                    $"{file}: message 'handoff_days' must name the {DaysInAWeek} days, Sunday first, separated by commas (it names {DayNames(days).Count})"));
            }
        }
    }

    /// <summary>The day names of the handoff_days message, Sunday first.</summary>
    public static IReadOnlyList<string> DayNames(string days) =>
        days.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
