using WestmontTextLine.Words;
using static WestmontTextLine.Flows.Checks.TextRules;

namespace WestmontTextLine.Flows.Checks;

/// <summary>
/// The distress lists: known categories, GSM-7, phrases the matcher can use, and no phrase that would take over a
/// keyword ("help" alone must stay the HELP reply, not become the emergency reply).
/// </summary>
public sealed class DistressListCheck : IFlowCheck
{
    public static readonly string[] Categories = ["fear", "violence_now", "held_or_controlled", "threats", "plea_for_help", "overdose"];

    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        var languages = input.Languages;
        var keywords = KeywordsOfAllLanguages(languages);

        foreach (var language in languages)
        {
            var file = language.FileName;
            var phrases = new List<DistressPhrase>();
            var allCategoriesKnown = true;
            foreach (var (category, lines) in language.DistressLines)
            {
                var where = $"{file}: distress '{category}'";
                if (!Categories.Contains(category))
                {
                    problems.Add(Error($"{where} is not a category ({string.Join(", ", Categories)})"));
                    allCategoriesKnown = false;
                    continue;
                }
                if (lines.Length == 0) problems.Add(Error($"{where}: the list is empty"));
                foreach (var (text, phrase, problem) in lines)
                {
                    CheckSmsText($"{where}: '{text}'", text, problems);
                    if (phrase is null) problems.Add(Error($"{where}: {problem}"));
                    else phrases.Add(phrase);
                }
            }

            // With every category known, the phrases are all the usable ones, so the language's own matcher serves.
            var matcher = allCategoriesKnown ? language.DistressMatcher : new DistressMatcher(phrases, new HashSet<string>());
            foreach (var (action, word) in keywords)
            {
                if (matcher.Match(InputText.Normalize(word)) is not { } clash) continue;
                problems.Add(Error(
                    $"{file}: distress '{clash.Category}': '{clash.Text}' matches the '{action}' keyword '{word}', which must keep its own reply"));
            }
        }
    }

    /// <summary>
    /// Every language's keywords but the emergency words, each normalised form once: every language's keywords work in
    /// every conversation, so each distress list is tried against all of them. Records and loops, not LINQ over tuples,
    /// as the flow is checked on the way to the first answer (see <see cref="KeywordMatch"/>).
    /// </summary>
    private static List<KeywordWord> KeywordsOfAllLanguages(IReadOnlyList<ParsedLanguage> languages)
    {
        var keywords = new List<KeywordWord>();
        var seen = new HashSet<string>();
        foreach (var language in languages)
        {
            foreach (var (action, words) in language.Document.Keywords)
            {
                if (action == "emergency") continue;
                foreach (var word in words)
                {
                    if (seen.Add(InputText.Normalize(word))) keywords.Add(new KeywordWord(action, word));
                }
            }
        }
        return keywords;
    }

    private sealed record KeywordWord(string Action, string Word);
}
