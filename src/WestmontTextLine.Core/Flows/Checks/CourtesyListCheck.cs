using WestmontTextLine.Words;
using static WestmontTextLine.Flows.Checks.TextRules;

namespace WestmontTextLine.Flows.Checks;

/// <summary>
/// The courtesy lists: GSM-7, and no phrase that is a keyword or holds a topic word in some language. Those are read
/// first, so the phrase would never get the courtesy answer; and a phrase listed as a keyword would no longer be free
/// to be her code word.
/// </summary>
public sealed class CourtesyListCheck : IFlowCheck
{
    public bool NeedsBuiltFlow => true;

    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        var flow = input.BuiltFlow;
        foreach (var (file, document) in input.Languages)
        {
            foreach (var phrase in document.Courtesy)
            {
                // Where it is, written only for a problem: the line checks these lists at every start.
                if (!SmsText.IsGsm7(phrase)) CheckSmsText(Where(file, phrase), phrase, problems);
                var normalized = InputText.Normalize(phrase);
                if (normalized.Length == 0)
                {
                    problems.Add(Error($"{Where(file, phrase)} has no letters or digits"));
                    continue;
                }
                var keyword = flow.Keywords.MatchWhole(normalized).Action;
                if (keyword != KeywordAction.None)
                    problems.Add(Error($"{Where(file, phrase)} is already a keyword ({keyword}), which is read first"));
                else if (TopicIn(flow, normalized) is { } topic)
                    problems.Add(Error($"{Where(file, phrase)} holds the topic word '{topic.Phrase.ToLowerInvariant()}' (node '{topic.Nodes[0]}'), which is read first"));
            }
        }
    }

    private static string Where(string file, string phrase) => $"{file}: courtesy: '{phrase}'";

    private static TopicPhrase? TopicIn(Flow flow, string normalized)
    {
        foreach (var language in flow.Languages.Values)
        {
            if (!language.TopicWords.AnyIn(normalized)) continue;
            foreach (var topic in language.Topics)
            {
                if (InputText.ContainsWords(normalized, topic.Phrase)) return topic;
            }
        }
        return null;
    }
}
