using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Cli;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Cli;

/// <summary>Runs a verb through the same entry point as `dotnet run -- verb`, with text in and out instead of a terminal.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.ReplaceLineEndings("\n").Split('\n');

    public static async Task<CliRun> RunAsync(
        string[] args, string input = "", bool terminal = false, string? contentRoot = null, Action<IServiceCollection>? services = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(new StringReader(input), output, error, terminal);
        var exitCode = await CliCommand.RunAsync(args, console, contentRoot ?? RepoPaths.Root, services);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- output\n{Output}\n--- error\n{Error}";
}
