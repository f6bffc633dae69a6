using static WestmontTextLine.Flows.Checks.TextRules;

namespace WestmontTextLine.Flows.Checks;

/// <summary>The sensitive_words list: GSM-7, one word each, a * only after enough letters to mean something.</summary>
public sealed class SensitiveWordsListCheck : IFlowCheck
{
    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        foreach (var (file, document) in input.Languages)
        {
            foreach (var entry in document.SensitiveWords)
            {
                CheckSmsText($"{file}: sensitive_words: '{entry}'", entry, problems);
                if (SensitiveWords.ProblemWith(entry) is { } problem) problems.Add(Error($"{file}: sensitive_words: {problem}"));
            }
        }
    }
}
