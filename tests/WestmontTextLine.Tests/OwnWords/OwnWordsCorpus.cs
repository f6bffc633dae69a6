using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.OwnWords;

/// <summary>One text of the corpus: what the person needs, what they typed, and the language their conversation is in.</summary>
public sealed record CorpusText(string Label, string Text, string Language, int LineNumber, bool KnownMiss = false);

/// <summary>
/// Reads <c>own-words.txt</c>: texts as people in trouble type them, one a line as <c>label | text</c>, with
/// <c>#</c> comments (a line ending in <c># known miss: why</c> is a miss left on purpose) and <c>@ language es</c> lines that set the language of the conversations below them.
/// </summary>
public static class OwnWordsCorpus
{
    public static readonly string[] Labels =
        ["emergency", "distress", "crisis", "law", "safety", "health", "leaving", "trafficking", "needs", "addiction", "other"];

    public static string Folder => Path.Combine(RepoPaths.TestData, "OwnWords");
    public static string CorpusPath => Path.Combine(Folder, "own-words.txt");
    public static string ResultsPath => Path.Combine(Folder, "own-words.results.txt");

    public static IReadOnlyList<CorpusText> Read() => Parse(File.ReadAllLines(CorpusPath));

    public static IReadOnlyList<CorpusText> Parse(IReadOnlyList<string> lines)
    {
        var texts = new List<CorpusText>();
        var language = "en";
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith('@'))
            {
                var words = line[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words is not ["language", "en" or "es"]) throw new FormatException($"own-words.txt:{i + 1}: unknown '{line}'");
                language = words[1];
                continue;
            }
            var bar = line.IndexOf('|');
            var label = bar < 0 ? "" : line[..bar].Trim();
            var text = bar < 0 ? "" : line[(bar + 1)..].Trim();
            var comment = text.IndexOf(" # ", StringComparison.Ordinal);
            var knownMiss = comment >= 0 && text[(comment + 3)..].TrimStart().StartsWith("known miss", StringComparison.Ordinal);
            if (comment >= 0) text = text[..comment].Trim();
            if (!Labels.Contains(label) || text.Length == 0)
            {
                throw new FormatException($"own-words.txt:{i + 1}: write 'label | text' with a label of {string.Join(", ", Labels)}");
            }
            texts.Add(new CorpusText(label, text, language, i + 1, knownMiss));
        }
        return texts;
    }
}
