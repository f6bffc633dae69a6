using WestmontTextLine.Words;
using static WestmontTextLine.Flows.Checks.TextRules;

namespace WestmontTextLine.Flows.Checks;

/// <summary>
/// The wrong_number lists: GSM-7, and two words or more once normalised, since a phrase is found anywhere in a
/// contact's text: one word ("wrong", "no") would take a friend off her plan for "something is wrong with her".
/// </summary>
public sealed class WrongNumberListCheck : IFlowCheck
{
    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        foreach (var (file, document) in input.Languages)
        {
            foreach (var phrase in document.WrongNumber)
            {
                var where = $"{file}: wrong_number: '{phrase}'";
                CheckSmsText(where, phrase, problems);
                if (!NotDistressPhrases.IsUsable(phrase))
                    problems.Add(Error($"{where} has one word; a phrase needs two or more, so that a friend's \"something is wrong\" does not take them off her plan"));
            }
        }
    }
}
