using WestmontTextLine.Cli;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Cli;

public class GraphCommandTests
{
    private static string GraphFlow => Path.Combine(RepoPaths.TestData, "Cli", "graph-flow");
    private static string Snapshots => Path.Combine(RepoPaths.TestData, "Cli", "Snapshots");

    [Theory]
    [InlineData("mermaid", "graph-flow.mermaid")]
    [InlineData("dot", "graph-flow.dot")]
    public async Task The_graph_of_a_small_menu_matches_its_snapshot(string format, string snapshot)
    {
        var run = await CliRun.RunAsync(["graph", "--flows", GraphFlow, "--format", format]);
        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());

        var path = Path.Combine(Snapshots, snapshot);
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1") await File.WriteAllTextAsync(path, run.Output);
        var expected = File.Exists(path) ? await File.ReadAllTextAsync(path) : "(no snapshot yet)";
        Assert.True(expected == run.Output,
            $"The {format} graph differs from tests/WestmontTextLine.Tests/Cli/Snapshots/{snapshot}. If the change is meant, " +
            $"accept it with: UPDATE_SNAPSHOTS=1 dotnet test --filter GraphCommandTests\n--- expected\n{expected}\n--- actual\n{run.Output}");
    }

    [Fact]
    public async Task The_mermaid_graph_has_every_node_with_its_label_and_every_option()
    {
        var language = EngineHarness.Flow.Default;

        var run = await CliRun.RunAsync(["graph"]);

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        var lines = run.OutputLines.Select(l => l.Trim()).ToHashSet();
        Assert.Equal("stateDiagram-v2", run.OutputLines[0]);
        Assert.Contains($"[*] --> {language.Start}", lines);
        Assert.Contains($"line --> {language.Start} : MENU", lines);
        foreach (var node in language.Nodes.Values)
        {
            Assert.Contains(node.Label is null ? node.Id : $"state \"{node.Label}\" as {node.Id}", lines);
            for (var i = 0; i < node.Options.Count; i++) Assert.Contains($"{node.Id} --> {node.Options[i]} : {i + 1}", lines);
            Assert.Contains($"{node.Id} --> {node.Parent ?? node.Id} : BACK", lines);
        }
    }

    [Fact]
    public async Task Lang_labels_the_nodes_in_that_language_and_dot_is_offered()
    {
        var spanish = EngineHarness.Flow.Languages["es"];

        var run = await CliRun.RunAsync(["graph", "--lang", "es", "--format", "dot"]);

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.StartsWith("digraph {", run.Output);
        Assert.Contains($"\"health\" [label=\"{spanish.Nodes["health"].Label}\"];", run.OutputLines);
    }

    [Fact]
    public async Task The_readme_shows_the_current_menu()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, ReadmeDiagram.FileName));
        var graph = await CliRun.RunAsync(["graph"]);

        var current = ReadmeDiagram.Current(readme.ReplaceLineEndings("\n"));

        Assert.True(current is not null, $"README.md has lost its {ReadmeDiagram.Begin} and {ReadmeDiagram.End} markers.");
        Assert.True(current == ReadmeDiagram.Block(graph.Output),
            $"The menu diagram in README.md is out of date with flows/. Regenerate it from the repo root with:\n    {ReadmeDiagram.RegenerateCommand}");
    }

    [Fact]
    public async Task Update_readme_writes_the_diagram_between_the_markers()
    {
        var root = Directory.CreateTempSubdirectory("graph-readme-").FullName;
        try
        {
            File.Copy(Path.Combine(RepoPaths.Root, "appsettings.json"), Path.Combine(root, "appsettings.json"));
            Directory.CreateDirectory(Path.Combine(root, "flows"));
            foreach (var file in Directory.GetFiles(GraphFlow)) File.Copy(file, Path.Combine(root, "flows", Path.GetFileName(file)));
            var readme = Path.Combine(root, ReadmeDiagram.FileName);
            await File.WriteAllTextAsync(readme, $"# Line\n\nThe menu:\n\n{ReadmeDiagram.Begin}\nold picture\n{ReadmeDiagram.End}\n\nMore text.\n");

            var update = await CliRun.RunAsync(["graph", "--update-readme"], contentRoot: root);
            var again = await CliRun.RunAsync(["graph", "--update-readme"], contentRoot: root);
            var graph = await CliRun.RunAsync(["graph"], contentRoot: root);

            Assert.True(update.ExitCode == CliCommand.Ok, update.ToString());
            Assert.Contains("the menu diagram is updated", update.Output);
            Assert.Contains("the menu diagram is up to date", again.Output);
            Assert.Equal(
                $"# Line\n\nThe menu:\n\n{ReadmeDiagram.Begin}\n{ReadmeDiagram.Block(graph.Output)}\n{ReadmeDiagram.End}\n\nMore text.\n",
                await File.ReadAllTextAsync(readme));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_broken_flow_gives_its_errors_instead_of_a_graph()
    {
        var run = await CliRun.RunAsync(["graph", "--flows", Path.Combine(RepoPaths.BrokenFlows, "dangling-option")]);

        Assert.Equal(CliCommand.Failed, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("error: dangling-option/en.yaml: line 73: node 'main': option 2 points to missing node 'clinics'", run.Error);
    }
}
