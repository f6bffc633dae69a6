namespace WestmontTextLine.Tests.Transcripts;

/// <summary>
/// A whole conversation written for content editors:
/// <code>
/// # a comment
/// > 3                  the texter sends "3"
/// &lt; Health and testing   the reply must contain this line (several &lt; lines: all of them, in order)
/// &lt;silent&gt;             nothing is sent back (an empty &lt;Response/&gt;)
/// @ wait 31m           the clock moves on (s, m, h or d)
/// </code>
/// Transcripts of "talk to a person" (Transcripts/Handoff) also have what staff do, and what reaches her phone later:
/// <code>
/// @ setting Handoff:TakeMessages true    a setting, before the first text
/// @ shift on Ana       Ana goes on shift (@ shift off Ana)
/// @ staff Ana replies We are here.       Ana takes the conversation and replies (@ staff Ana closes)
/// &lt;&lt; We are here        her phone got a text (not a reply) containing this, since the last such check
/// </code>
/// </summary>
public sealed record Transcript(string Name, IReadOnlyList<TranscriptStep> Steps)
{
    public static Transcript Parse(string name, string text)
    {
        var steps = new List<TranscriptStep>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("> ") || line == ">")
            {
                steps.Add(new TranscriptStep(lineNumber, line.Length > 2 ? line[2..] : "", null, []));
            }
            else if (line.StartsWith("<<"))
            {
                if (steps.Count == 0) throw new FormatException($"{name}:{lineNumber}: a << line comes after a step");
                steps[^1].Outbound.Add(line[2..].Trim());
            }
            else if (line.Trim() == "<silent>")
            {
                Last(steps, lineNumber).Silent = true;
            }
            else if (line.StartsWith("< ") || line.StartsWith('<'))
            {
                var step = Last(steps, lineNumber);
                step.Expected.Add(line[1..].Trim());
                step.ExpectedLines.Add(lineNumber);
            }
            else if (line.StartsWith("@ wait "))
            {
                steps.Add(new TranscriptStep(lineNumber, null, ParseDuration(line[7..].Trim(), lineNumber), []));
            }
            else if (line.StartsWith("@ "))
            {
                steps.Add(new TranscriptStep(lineNumber, null, null, []) { Directive = line[2..].Trim() });
            }
            else throw new FormatException($"{name}:{lineNumber}: a line starts with >, <, <<, <silent>, @ or #");
        }
        return new Transcript(name, steps);
    }

    private static TranscriptStep Last(List<TranscriptStep> steps, int lineNumber) =>
        steps.LastOrDefault(s => s.Input is not null) ?? throw new FormatException($"line {lineNumber}: a reply comes after a > line");

    private static TimeSpan ParseDuration(string text, int lineNumber)
    {
        var amount = double.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture);
        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => throw new FormatException($"line {lineNumber}: a wait ends in s, m, h or d"),
        };
    }
}

public sealed record TranscriptStep(int Line, string? Input, TimeSpan? Wait, List<string> Expected)
{
    public bool Silent { get; set; }

    /// <summary>The transcript line of each of <see cref="Expected"/>, for a failure to point at.</summary>
    public List<int> ExpectedLines { get; } = [];

    /// <summary>What staff or the operator do at this point (an @ line other than a wait), as written after the @.</summary>
    public string? Directive { get; init; }

    /// <summary>Texts her phone must have received (outbound, not as a reply) after this step, each containing one of these.</summary>
    public List<string> Outbound { get; } = [];
}
