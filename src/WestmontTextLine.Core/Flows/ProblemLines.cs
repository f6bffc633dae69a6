using System.Text.RegularExpressions;
using WestmontTextLine.Flows.Checks;

namespace WestmontTextLine.Flows;

/// <summary>
/// Puts the line in front of every problem about one node, message or referral ("flows/en.yaml: line 101: node
/// 'law_status': ..."), so an editor can go straight to it. The checks name what they are about; the line of its
/// key comes from the file as read. A reply built from several parts (the welcome and main menu) gets the line of
/// its first part.
/// </summary>
public static partial class ProblemLines
{
    [GeneratedRegex(@"^(?<kind>node|message|referral) '(?<id>[^']+)'")]
    private static partial Regex NamedPart();

    private const string WelcomeReply = "welcome and main menu";

    public static void Add(List<FlowProblem> problems, FlowCheckInput input)
    {
        if (problems.Count == 0) return;
        // Each file's document, not a (nodes, messages) pair: a dictionary over a struct is compiled by the JIT.
        var files = input.Languages.ToDictionary(language => language.FileName, language => language.Document);
        for (var i = 0; i < problems.Count; i++)
        {
            var problem = problems[i];
            var file = files.Keys.Append(input.ReferralsFile).FirstOrDefault(f => problem.Message.StartsWith(f + ": ", StringComparison.Ordinal));
            if (file is null) continue;
            var about = problem.Message[(file.Length + 2)..];
            int? line = null;
            if (file == input.ReferralsFile)
            {
                if (NamedPart().Match(about) is { Success: true } m && m.Groups["kind"].Value == "referral") line = Lookup(input.Referrals.ReferralLines, m);
            }
            else if (about.StartsWith(WelcomeReply, StringComparison.Ordinal))
            {
                line = files[file].MessageLines.TryGetValue("welcome", out var welcome) ? welcome : null;
            }
            else if (NamedPart().Match(about) is { Success: true } m)
            {
                line = m.Groups["kind"].Value switch
                {
                    "node" => Lookup(files[file].NodeLines, m),
                    "message" => Lookup(files[file].MessageLines, m),
                    _ => null,
                };
            }
            if (line is { } n) problems[i] = problem with { Message = $"{file}: line {n}: {about}" };
        }
    }

    private static int? Lookup(Dictionary<string, int> lines, Match match) =>
        lines.TryGetValue(match.Groups["id"].Value, out var line) ? line : null;
}
