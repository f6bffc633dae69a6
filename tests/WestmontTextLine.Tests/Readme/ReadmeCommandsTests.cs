using System.Text.RegularExpressions;
using WestmontTextLine.Cli;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Readme;

/// <summary>
/// Every operator command README shows (`dotnet run --project src/WestmontTextLine -- VERB ...`, or the published
/// `dotnet WestmontTextLine.dll VERB ...`) is one the program takes: a verb or option renamed in the code, or misspelt
/// in README, would otherwise first show as `error: ...` on a newcomer's screen.
/// </summary>
public partial class ReadmeCommandsTests
{
    [Fact]
    public void Every_command_README_shows_parses()
    {
        var commands = Commands().ToList();
        var refused = new List<string>();
        foreach (var command in commands)
        {
            try
            {
                CliArguments.Parse(command, RepoPaths.Root);
            }
            catch (CliUsageException ex)
            {
                refused.Add($"{string.Join(' ', command)}: {ex.Message}");
            }
        }

        Assert.True(commands.Count >= 10, $"found only {commands.Count} commands in README.md");
        Assert.True(refused.Count == 0, "README shows commands the program refuses:\n" + string.Join('\n', refused));
    }

    /// <summary>The words after the program of each command README shows, but those that start the line (settings
    /// alone) and those with a part left out (`...`).</summary>
    private static IEnumerable<string[]> Commands() =>
        Command().Matches(Readme.Text)
            .Select(m => m.Groups["args"].Value)
            .Where(args => !args.Contains("...", StringComparison.Ordinal) && !args.Contains('…'))
            .Select(Words)
            .Where(words => words.Length > 0 && !words[0].StartsWith('-'))
            .DistinctBy(words => string.Join(' ', words));

    /// <summary>Shell words, with "double quotes" kept together and removed.</summary>
    private static string[] Words(string args) =>
        [.. ShellWord().Matches(args).Select(m => m.Value.Replace("\"", "", StringComparison.Ordinal))];

    [GeneratedRegex(@"dotnet (?:run(?: -v q)? --project src/WestmontTextLine(?: --no-build| --no-launch-profile)* --|WestmontTextLine\.dll)(?<args>[^`#|>&;)\n\\]*)")]
    private static partial Regex Command();

    [GeneratedRegex(@"(?:""[^""]*""|[^\s""])+")]
    private static partial Regex ShellWord();
}
