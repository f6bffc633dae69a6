using WestmontTextLine.Words;
using static WestmontTextLine.Flows.Checks.TextRules;

namespace WestmontTextLine.Flows.Checks;

/// <summary>
/// The not_distress lists: GSM-7, two words or more (one word could mask an emergency word everywhere), and no phrase
/// that is itself a distress phrase of two words or more in some language ("dont feel safe", "no pulse": it would
/// silence the very text it should answer). A one-word distress entry inside it is what it is there to negate ("not
/// scared").
/// </summary>
public sealed class NotDistressListCheck : IFlowCheck
{
    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        var distress = input.Languages
            .Select(language => new DistressMatcher(
                language.DistressPhrases.Where(phrase => phrase.Words.Count > 1), new HashSet<string>()))
            .ToList();
        foreach (var (file, document) in input.Languages)
        {
            foreach (var phrase in document.NotDistress)
            {
                var where = $"{file}: not_distress: '{phrase}'";
                CheckSmsText(where, phrase, problems);
                if (!NotDistressPhrases.IsUsable(phrase))
                {
                    problems.Add(Error($"{where} has one word; a phrase needs {NotDistressPhrases.LeastWords} or more, so that it cannot mask an emergency word everywhere"));
                    continue;
                }
                if (distress.Select(matcher => matcher.Match(InputText.Normalize(phrase))).OfType<DistressPhrase>().FirstOrDefault() is { } clash)
                {
                    problems.Add(Error($"{where} is distress itself (distress '{clash.Category}': '{clash.Text}'): it would silence a texter in danger"));
                }
            }
        }
    }
}
