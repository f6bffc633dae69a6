using WestmontTextLine.Words;

namespace WestmontTextLine.Flows;

/// <summary>
/// A language file as parsed, with the name used in messages (for example "flows/en.yaml"). Its distress lists are
/// parsed, and their matcher prepared, once for the checks and the build that all need them: three times over, they
/// were a quarter of what the flows' load allocated at start.
/// </summary>
public sealed record ParsedLanguage(string FileName, LanguageDocument Document)
{
    private static readonly IReadOnlySet<string> NoExemptTexts = new HashSet<string>();

    private Dictionary<string, DistressLine[]>? _distressLines;
    private List<DistressPhrase>? _distressPhrases;
    private DistressMatcher? _distressMatcher;

    /// <summary>Each distress list (category: lines) as written, each line with its phrase or why it cannot be used.</summary>
    public IReadOnlyDictionary<string, DistressLine[]> DistressLines => _distressLines ??= ParseDistressLines(Document.Distress);

    /// <summary>The usable phrases of every list, in the order written (the others are the flow check's to report).</summary>
    public IReadOnlyList<DistressPhrase> DistressPhrases => _distressPhrases ??= UsablePhrases(DistressLines);

    /// <summary>A matcher of every usable phrase, with no text exempt.</summary>
    public DistressMatcher DistressMatcher => _distressMatcher ??= new DistressMatcher(DistressPhrases, NoExemptTexts);

    private static Dictionary<string, DistressLine[]> ParseDistressLines(Dictionary<string, List<string>> lists)
    {
        var parsed = new Dictionary<string, DistressLine[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (category, texts) in lists)
        {
            var lines = new DistressLine[texts.Count];
            for (var i = 0; i < lines.Length; i++)
            {
                var phrase = DistressPhrase.Parse(category, texts[i], out var problem);
                lines[i] = new DistressLine(texts[i], phrase, problem);
            }
            parsed.Add(category, lines);
        }
        return parsed;
    }

    private static List<DistressPhrase> UsablePhrases(IReadOnlyDictionary<string, DistressLine[]> lists)
    {
        var phrases = new List<DistressPhrase>();
        foreach (var lines in lists.Values)
        {
            foreach (var line in lines)
            {
                if (line.Phrase is not null) phrases.Add(line.Phrase);
            }
        }
        return phrases;
    }
}

/// <summary>One line of a distress list as written, and its phrase, or the reason it cannot be used.</summary>
public sealed record DistressLine(string Text, DistressPhrase? Phrase, string? Problem);
