using WestmontTextLine.Flows;
using WestmontTextLine.Words;

namespace WestmontTextLine.Engine;

/// <summary>Finds the menu nodes a text's topic words name ("hiv test").</summary>
internal static class TopicSearch
{
    /// <summary>Topic words in the session's language first; else in another language, which then becomes the session's.</summary>
    public static List<string> Find(Flow flow, string normalized, TextStep step)
    {
        var found = new List<string>();
        if (normalized.Length == 0 || Triggers.OptionNumber(normalized) > 0) return found;
        Collect(normalized, step.Language, found);
        if (found.Count > 0) return found;
        foreach (var other in flow.Languages.Values)
        {
            if (other == step.Language) continue;
            Collect(normalized, other, found);
            if (found.Count > 0)
            {
                step.SwitchTo(other.Language);
                break;
            }
        }
        return found;
    }

    private static void Collect(string normalized, LanguageFlow language, List<string> found)
    {
        if (!language.TopicWords.AnyIn(normalized)) return;
        var unmatched = normalized;
        foreach (var (phrase, nodes) in language.Topics)
        {
            if (!InputText.ContainsWords(unmatched, phrase)) continue;
            // Phrases are tried longest first; words a longer phrase used ("hiv test") do not also match alone ("hiv").
            if (phrase.Contains(' ')) unmatched = unmatched.Replace(phrase, " ");
            foreach (var node in nodes)
            {
                if (!found.Contains(node) && found.Count < Flow.MaxOptions) found.Add(node);
            }
        }
    }
}
