using static WestmontTextLine.Flows.Checks.TextRules;

namespace WestmontTextLine.Flows.Checks;

/// <summary>A language file names its own language, has every fixed message and only known ones, known keyword actions, and its start node.</summary>
public sealed class LanguageFileCheck : IFlowCheck
{
    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        foreach (var (file, document) in input.Languages)
        {
            var expectedCode = Path.GetFileNameWithoutExtension(file);
            if (document.Language != expectedCode)
            {
                problems.Add(Error($"{file}: language is '{document.Language}', expected '{expectedCode}'"));
            }
            foreach (var key in Messages.Keys.Where(k => !document.Messages.ContainsKey(k)))
            {
                problems.Add(Error($"{file}: message '{key}' is missing"));
            }
            foreach (var (key, text) in document.Messages)
            {
                if (!Messages.Keys.Contains(key)) problems.Add(Error($"{file}: message '{key}' is not a known message"));
                CheckAnswerText($"{file}: message '{key}'", text, input, problems);
            }
            foreach (var action in document.Keywords.Keys.Where(a => !KeywordActions.ByYamlName.ContainsKey(a)))
            {
                problems.Add(Error($"{file}: keywords '{action}' is not a known action ({string.Join(", ", KeywordActions.ByYamlName.Keys)})"));
            }
            if (!HasStart(document)) problems.Add(Error($"{file}: start node '{document.Start}' is missing"));
        }
    }

    public static bool HasStart(LanguageDocument document) =>
        !string.IsNullOrWhiteSpace(document.Start) && document.Nodes.ContainsKey(document.Start);
}
