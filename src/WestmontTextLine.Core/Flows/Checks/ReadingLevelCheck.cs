using WestmontTextLine.Reading;

namespace WestmontTextLine.Flows.Checks;

/// <summary>
/// Scores every answer (a node without options) on its own text, without its referral lines or footer, and warns
/// when one reads harder than the flow file's reading_level allows. A warning, never an error: plain words matter,
/// but they do not stop the line.
/// </summary>
public sealed class ReadingLevelCheck : IFlowCheck
{
    public bool NeedsBuiltFlow => true;

    public bool OnlyWarns => true;

    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        var flow = input.BuiltFlow;
        foreach (var language in flow.Languages.Values)
        {
            if (language.ReadingLimit is not { } limit) continue;
            foreach (var (node, score) in ScoresOf(language).Where(s => limit.IsBeyond(s.Score)))
            {
                problems.Add(new(Severity.Warning, $"{language.FileName}: node '{node}': {limit.Formula.Name} {score:0.0}, {limit.Describe()}"));
            }
        }
    }

    /// <summary>Each answer's score in the language's formula, in file order; none when the language has no formula.</summary>
    public static IReadOnlyList<(string Node, double Score)> ScoresOf(LanguageFlow language)
    {
        if (ReadingFormula.For(language.Language) is not { } formula) return [];
        var scores = new List<(string, double)>();
        foreach (var node in language.Nodes.Values.Where(n => !n.IsMenu))
        {
            var ownWords = ReferralPlaceholders.Without(node.Text);
            if (formula.Score(ownWords) is { } score) scores.Add((node.Id, score));
        }
        return scores;
    }
}
