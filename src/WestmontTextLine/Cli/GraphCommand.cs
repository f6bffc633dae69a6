using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Cli;

/// <summary>`graph`: the menu machine drawn by Stateless, as Mermaid (the default) or DOT; or written into README.md.</summary>
public static class GraphCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, CliArguments arguments, CliConsole console)
    {
        var flow = services.GetRequiredService<Flow>();
        var languageCode = arguments.Option("lang") ?? Flow.DefaultLanguage;
        if (!flow.Languages.TryGetValue(languageCode, out var language))
        {
            throw new CliUsageException($"--lang is one of {string.Join(", ", flow.Languages.Keys.Order())}, not '{languageCode}'");
        }
        var format = arguments.Option("format") ?? "mermaid";
        if (format is not ("mermaid" or "dot")) throw new CliUsageException($"--format is mermaid or dot, not '{format}'");

        if (arguments.Flag("update-readme"))
        {
            if (format != "mermaid") throw new CliUsageException("--update-readme writes the Mermaid diagram; leave out --format");
            return await UpdateReadmeAsync(services.GetRequiredService<AppRoot>(), MenuGraph.Mermaid(language), console);
        }
        await console.Output.WriteAsync(format == "dot" ? MenuGraph.Dot(language) : MenuGraph.Mermaid(language));
        return CliCommand.Ok;
    }

    private static async Task<int> UpdateReadmeAsync(AppRoot appRoot, string mermaid, CliConsole console)
    {
        var path = appRoot.Resolve(ReadmeDiagram.FileName);
        var readme = await File.ReadAllTextAsync(path);
        var updated = ReadmeDiagram.Replace(readme, mermaid);
        if (updated == readme)
        {
            await console.Output.WriteLineAsync($"{path}: the menu diagram is up to date.");
            return CliCommand.Ok;
        }
        await File.WriteAllTextAsync(path, updated);
        await console.Output.WriteLineAsync($"{path}: the menu diagram is updated.");
        return CliCommand.Ok;
    }
}
