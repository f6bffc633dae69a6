using WestmontTextLine.Words;

namespace WestmontTextLine.Flows.Checks;

/// <summary>
/// A phone shows the start of a text on its lock screen to anyone who glances at it, and a texter may share her
/// phone or be watched. No reply may show a word of the flow file's sensitive_words in its first 40 characters.
/// </summary>
public sealed class LockScreenCheck : IFlowCheck
{
    public const int VisibleCharacters = 40;

    // A word cut by the edge of the lock screen still gives itself away when this much of it shows ("traff").
    private const int TellingStart = 4;

    public bool NeedsBuiltFlow => true;

    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        var flow = input.BuiltFlow;
        foreach (var language in flow.Languages.Values)
        {
            if (language.SensitiveWords.IsEmpty) continue;
            foreach (var (where, text) in OpeningsOf(language))
            {
                var shown = WordsShown(text, language.SensitiveWords);
                if (shown.Count == 0) continue;
                problems.Add(new(Severity.Error,
                    $"{language.FileName}: {where}: the first {VisibleCharacters} characters show {string.Join(", ", shown.Select(w => $"'{w}'"))} on a lock screen; move the word later: open with the help, not the subject"));
            }
        }
    }

    /// <summary>
    /// Every text that can open a reply. A reply built of parts (the welcome and the main menu, "did not understand"
    /// and a menu, "English selected" and a node) is covered by its parts: a part that follows another is pushed
    /// further right, so it shows less of itself, never more.
    /// </summary>
    private static IEnumerable<(string Where, string Text)> OpeningsOf(LanguageFlow language)
    {
        foreach (var node in language.Nodes.Values) yield return ($"node '{node.Id}'", node.Reply);
        // A node that topic words reach can be a choice in a "Did you mean" list; its label shows most as the first.
        foreach (var node in language.Nodes.Values.Where(n => n.Topics.Count > 0 && n.Label is not null))
        {
            yield return ($"node '{node.Id}': label (first in a \"Did you mean\" list)", $"{language.Messages.ChooseTopic}\n1 {node.Label}");
        }
        foreach (var (key, text) in language.Messages.All) yield return ($"message '{key}'", text);
    }

    /// <summary>The sensitive words in the part of a text a lock screen shows, as they are written there.</summary>
    public static IReadOnlyList<string> WordsShown(string text, SensitiveWords sensitive)
    {
        var shown = new List<string>();
        var visible = Math.Min(VisibleCharacters, text.Length);
        var start = 0;
        while (start < visible)
        {
            if (!IsWordCharacter(text[start]))
            {
                start++;
                continue;
            }
            var end = start;
            while (end < visible && IsWordCharacter(text[end])) end++;
            var word = text[start..end];
            var normalized = InputText.Normalize(word);
            var isCut = end == visible && end < text.Length && IsWordCharacter(text[end]);
            var gives = sensitive.Contains(normalized) || (isCut && normalized.Length >= TellingStart && sensitive.CouldBegin(normalized));
            if (gives && !shown.Contains(word)) shown.Add(word);
            start = end;
        }
        return shown;
    }

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c is '\'' or '\u2019';
}
