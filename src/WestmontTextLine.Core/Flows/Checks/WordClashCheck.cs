using WestmontTextLine.Words;
using static WestmontTextLine.Flows.Checks.TextRules;

namespace WestmontTextLine.Flows.Checks;

/// <summary>A word may mean one action only, in every language, and no topic word may be a keyword.</summary>
public sealed class WordClashCheck : IFlowCheck
{
    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        var actionOfWord = new Dictionary<string, (string Action, string File)>();
        foreach (var (file, document) in input.Languages)
        {
            foreach (var (action, words) in document.Keywords)
            {
                foreach (var word in words)
                {
                    var normalized = InputText.Normalize(word);
                    if (normalized.Length == 0)
                    {
                        problems.Add(Error($"{file}: keywords '{action}': '{word}' has no letters or digits"));
                    }
                    else if (actionOfWord.TryGetValue(normalized, out var earlier) && earlier.Action != action)
                    {
                        problems.Add(Error($"{file}: keyword '{word}' is '{action}' here but '{earlier.Action}' in {earlier.File}"));
                    }
                    else actionOfWord.TryAdd(normalized, (action, file));
                }
            }
        }
        foreach (var (file, document) in input.Languages)
        {
            foreach (var (id, node) in document.Nodes)
            {
                foreach (var topic in node?.Topics ?? [])
                {
                    var normalized = InputText.Normalize(topic);
                    if (normalized.Length == 0) problems.Add(Error($"{file}: node '{id}': topic '{topic}' has no letters or digits"));
                    else if (actionOfWord.TryGetValue(normalized, out var keyword))
                    {
                        problems.Add(Error($"{file}: node '{id}': topic '{topic}' is already the '{keyword.Action}' keyword"));
                    }
                }
            }
        }
    }
}
