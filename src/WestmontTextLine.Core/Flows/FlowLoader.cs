using WestmontTextLine.Flows.Checks;
using YamlDotNet.Core;

namespace WestmontTextLine.Flows;

/// <summary>
/// Loads a flows folder in fixed steps: size check, parse, validate, build, then check the rendered replies.
/// Each step reports every problem it finds, with its file and node, before the load gives up.
/// </summary>
public static class FlowLoader
{
    public const string ReferralsFile = "referrals.yaml";
    public const long MaxFileBytes = 256 * 1024;

    /// <param name="folder">The flows folder.</param>
    /// <param name="warnings">
    /// False for a load that needs only the errors (the line's own, at start): the checks that can only warn are
    /// skipped, and the flow built is the same.
    /// </param>
    public static FlowLoadResult Load(string folder, bool warnings = true)
    {
        var problems = new List<FlowProblem>();
        var display = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));

        if (!Directory.Exists(folder))
        {
            problems.Add(new(Severity.Error, $"{display}: folder not found ({Path.GetFullPath(folder)})"));
            return new(null, problems);
        }

        var referralsPath = Path.Combine(folder, ReferralsFile);
        var languagePaths = Directory.GetFiles(folder, "*.yaml")
            .Where(p => Path.GetFileName(p) != ReferralsFile)
            .OrderBy(p => Path.GetFileNameWithoutExtension(p) == Flow.DefaultLanguage ? 0 : 1)
            .ThenBy(p => p, StringComparer.Ordinal)
            .ToList();

        var referrals = ReadFile(referralsPath, FlowDocumentReader.ReadReferrals, display, problems);
        var languages = new List<ParsedLanguage>();
        foreach (var path in languagePaths)
        {
            var document = ReadFile(path, FlowDocumentReader.ReadLanguage, display, problems);
            if (document is not null) languages.Add(new ParsedLanguage($"{display}/{Path.GetFileName(path)}", document));
        }
        if (languages.All(l => l.Document.Language != Flow.DefaultLanguage) && problems.Count == 0)
        {
            problems.Add(new(Severity.Error, $"{display}/{Flow.DefaultLanguage}.yaml: the English flow is missing"));
        }
        if (referrals is null || problems.Any(p => p.Severity == Severity.Error)) return new(null, problems);

        var input = new FlowCheckInput($"{display}/{ReferralsFile}", referrals, languages);
        FlowValidator.CheckDocuments(input, problems, warnings);
        if (problems.Any(p => p.Severity == Severity.Error))
        {
            ProblemLines.Add(problems, input);
            return new(null, problems);
        }

        var flow = FlowBuilder.Build(referrals, languages);
        FlowValidator.CheckBuiltFlow(input with { Flow = flow }, problems, warnings);
        ProblemLines.Add(problems, input);
        return problems.Any(p => p.Severity == Severity.Error) ? new(null, problems) : new(flow, problems);
    }

    private static T? ReadFile<T>(string path, Func<TextReader, T?> read, string display, List<FlowProblem> problems) where T : class
    {
        var name = $"{display}/{Path.GetFileName(path)}";
        if (!File.Exists(path))
        {
            problems.Add(new(Severity.Error, $"{name}: file not found"));
            return null;
        }
        var size = new FileInfo(path).Length;
        if (size > MaxFileBytes)
        {
            problems.Add(new(Severity.Error, $"{name}: file is {size} bytes; the limit is {MaxFileBytes}"));
            return null;
        }
        try
        {
            // Parsed as the file is read, not from the whole text read first (a third of a megabyte at each start):
            // the text is read only to show where a syntax error is.
            using var file = new StreamReader(path);
            var document = read(file);
            if (document is null) problems.Add(new(Severity.Error, $"{name}: file is empty"));
            return document;
        }
        catch (YamlException ex)
        {
            problems.Add(new(Severity.Error, $"{name}: {YamlSyntaxError.Describe(ex, File.ReadAllText(path))}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some malformed input (an unclosed [ list, for one).
            problems.Add(new(Severity.Error, $"{name}: is not well-formed YAML (look for an unclosed [ or quote)"));
            return null;
        }
    }
}
