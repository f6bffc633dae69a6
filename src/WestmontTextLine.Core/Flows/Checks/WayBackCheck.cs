using WestmontTextLine.Words;

namespace WestmontTextLine.Flows.Checks;

/// <summary>
/// Dead ends: a texter must always see how to go on. Every answer ends with the footer, so the footer must name a
/// word that leads back (a menu or back keyword); and a menu whose options all lead back up offers nothing to pick.
/// </summary>
public sealed class WayBackCheck : IFlowCheck
{
    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        var languages = input.Languages;
        // Keywords work in every language, so any language's menu or back word is a way back.
        var wayBackWords = new List<string>();
        foreach (var language in languages)
        {
            // By key, not a query over the entries: LINQ over them (a struct) is compiled by the JIT at every start.
            foreach (var key in (string[])["menu", "back"])
            {
                if (!language.Document.Keywords.TryGetValue(key, out var words)) continue;
                foreach (var word in words)
                {
                    if (!wayBackWords.Contains(word)) wayBackWords.Add(word);
                }
            }
        }
        foreach (var (file, document) in languages)
        {
            CheckFooter(file, document, wayBackWords, problems);
            CheckMenusLeadSomewhereNew(file, document, problems);
        }
    }

    private static void CheckFooter(string file, LanguageDocument document, IReadOnlyList<string> wayBackWords, List<FlowProblem> problems)
    {
        if (!document.Messages.TryGetValue("footer", out var footer)) return;
        var normalized = InputText.Normalize(footer);
        if (wayBackWords.Any(word => InputText.Normalize(word) is { Length: > 0 } w && InputText.ContainsWords(normalized, w))) return;
        var words = wayBackWords.Count == 0 ? "there are none: add keywords 'menu' and 'back'" : string.Join(", ", wayBackWords);
        problems.Add(new(Severity.Error,
            $"{file}: message 'footer' gives no way back: it must name a menu or back keyword ({words})"));
    }

    private static void CheckMenusLeadSomewhereNew(string file, LanguageDocument document, List<FlowProblem> problems)
    {
        if (document.Start is null || !document.Nodes.ContainsKey(document.Start)) return;
        var parents = NodeGraph.ParentsIn(document);
        foreach (var (id, node) in document.Nodes)
        {
            if (node is null || node.Options.Count == 0 || (id != document.Start && !parents.ContainsKey(id))) continue;
            var above = Ancestors(id, parents);
            if (node.Options.All(above.Contains))
            {
                problems.Add(new(Severity.Error,
                    $"{file}: node '{id}': every option leads back up ({string.Join(", ", node.Options.Distinct())}); a menu must offer something new"));
            }
        }
    }

    private static HashSet<string> Ancestors(string id, Dictionary<string, string> parents)
    {
        var above = new HashSet<string>();
        for (var at = id; parents.TryGetValue(at, out var parent) && above.Add(parent); at = parent)
        {
        }
        return above;
    }
}
