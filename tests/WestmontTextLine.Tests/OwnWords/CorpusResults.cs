using System.Text;

namespace WestmontTextLine.Tests.OwnWords;

/// <summary>What one corpus text got as a first text and mid-conversation.</summary>
public sealed record CorpusResult(CorpusText Text, string First, string Mid)
{
    public bool Missed => !CorpusReply.Serves(Text.Label, First) || !CorpusReply.Serves(Text.Label, Mid);
}

/// <summary>Writes <c>own-words.results.txt</c>: the counts by label and reply, the misses, then every text.</summary>
public static class CorpusResults
{
    private static readonly string[] Kinds =
        ["emergency", "911 answer", "its topic", "other topic", "help", "talk", "welcome/menu", "not-understood"];

    public static string Render(IReadOnlyList<CorpusResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("# What each text of own-words.txt gets from the line's flows. Written by OwnWordsCorpusTests: do not edit by hand.");
        text.AppendLine("# first: the text as a first text. mid: the same text inside the health menu of a conversation under way.");
        text.AppendLine("# ! marks a reply the label does not want (see own-words.txt for what each label needs).");
        AppendCounts(text, "as a first text", results.Select(r => (r.Text.Label, r.First)));
        AppendCounts(text, "mid-conversation", results.Select(r => (r.Text.Label, r.Mid)));

        text.AppendLine().AppendLine("## Misses: label | first | mid | text");
        foreach (var result in results.Where(r => r.Missed)) AppendLine(text, result);
        text.AppendLine().AppendLine("## Every text: label | first | mid | text");
        foreach (var result in results) AppendLine(text, result);
        return text.ToString().ReplaceLineEndings("\n");
    }

    private static void AppendLine(StringBuilder text, CorpusResult result)
    {
        string Marked(string reply) => CorpusReply.Serves(result.Text.Label, reply) ? reply : "!" + reply;
        var known = result.Text.KnownMiss ? "  (known miss)" : "";
        text.AppendLine($"{result.Text.Label} | {Marked(result.First)} | {Marked(result.Mid)} | {result.Text.Text}{known}");
    }

    private static void AppendCounts(StringBuilder text, string state, IEnumerable<(string Label, string Reply)> replies)
    {
        var list = replies.ToList();
        text.AppendLine().AppendLine($"## Counts, {state}");
        text.AppendLine($"{"label",-12}{"texts",6}" + string.Concat(Kinds.Select(k => $"{k,15}")));
        foreach (var label in OwnWordsCorpus.Labels)
        {
            var ofLabel = list.Where(r => r.Label == label).ToList();
            if (ofLabel.Count == 0) continue;
            var counts = Kinds.Select(kind => ofLabel.Count(r => KindOf(label, r.Reply) == kind));
            text.AppendLine($"{label,-12}{ofLabel.Count,6}" + string.Concat(counts.Select(c => $"{c,15}")));
        }
    }

    /// <summary>The table column of a reply: a topic counts as the label's own when it serves that label.</summary>
    public static string KindOf(string label, string reply) => reply switch
    {
        "emergency" or "help" or "talk" or "not-understood" => reply,
        "welcome" or "menu" or "none" or "courtesy" => "welcome/menu",
        _ when label is "emergency" or "distress" && reply.EndsWith(":911") => "911 answer",
        _ => label is not ("other" or "emergency" or "distress") && CorpusReply.Serves(label, reply) ? "its topic" : "other topic",
    };
}
