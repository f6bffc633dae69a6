using WestmontTextLine.Cli;

namespace WestmontTextLine.Tests.Cli;

/// <summary>What the first argument decides: a tool, the usage, or the line itself.</summary>
public class CliCommandTests
{
    [Theory]
    [InlineData("frob")]
    [InlineData("stat")]
    [InlineData("Check")]
    public async Task A_plain_word_that_is_no_verb_prints_the_usage_to_standard_error_and_exits_2(string word)
    {
        Assert.True(CliCommand.IsVerb([word]), $"'{word}' would start the line");

        var run = await CliRun.RunAsync([word, "--flows", "flows"]);

        Assert.True(run.ExitCode == CliCommand.UsageError, run.ToString());
        Assert.Equal("", run.Output);
        Assert.StartsWith($"error: unknown command '{word}'\n", run.Error);
        foreach (var verb in CliArguments.Verbs) Assert.Contains($"\n  {verb} ", run.Error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_prints_the_usage_to_standard_output_and_exits_0(string help)
    {
        Assert.True(CliCommand.IsVerb([help]), $"'{help}' would start the line");

        var run = await CliRun.RunAsync([help]);

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.Equal("", run.Error);
        Assert.Equal(CliCommand.Usage + "\n", run.Output);
    }

    // A verb typed after a setting (`dotnet run --project ... --Storage:ConnectionString ... -- rekey` hands the tool
    // both, setting first) once started the line instead: on the default address, with the line meant to be stopped.
    [Theory]
    [InlineData("rekey", "--Storage:ConnectionString", "Data Source=/tmp/try.db", "rekey")]
    [InlineData("stats", "--environment", "Production", "stats")]
    [InlineData("staff", "--urls=http://127.0.0.1:5099", "staff", "list")]
    [InlineData("frob", "--urls", "http://0.0.0.0:8080", "frob")]
    // A bare `--` (`dotnet run --project ... -- --Storage:ConnectionString X -- rekey`) is no setting and takes no value.
    [InlineData("rekey", "--Storage:ConnectionString", "Data Source=/tmp/try.db", "--", "rekey")]
    [InlineData("stats", "--environment", "Production", "--urls", "http://127.0.0.1:5099", "--", "stats")]
    public async Task A_plain_word_after_the_settings_is_refused_with_exit_2_and_starts_nothing(string word, params string[] args)
    {
        Assert.True(CliCommand.IsVerb(args), $"'{string.Join(' ', args)}' would start the line");

        var run = await CliRun.RunAsync(args);

        Assert.True(run.ExitCode == CliCommand.UsageError, run.ToString());
        Assert.Equal("", run.Output);
        var firstLine = run.Error.Split('\n')[0];
        Assert.StartsWith("error: ", firstLine);
        Assert.Contains($"'{word}'", firstLine);
        Assert.Contains("nothing was run", firstLine);
    }

    // The server's own command lines, and a test host's (WebApplicationFactory): these start the line.
    [Theory]
    [InlineData]
    [InlineData("--urls", "http://0.0.0.0:8080")]
    [InlineData("--environment", "Production")]
    [InlineData("--Storage:ConnectionString", "Data Source=/tmp/try.db")]
    [InlineData("--contentRoot=/srv/line", "--environment=Development", "--applicationName=WestmontTextLine")]
    [InlineData("/urls", "http://0.0.0.0:8080")]
    [InlineData("urls=http://0.0.0.0:8080")]
    [InlineData("--no-such-setting")]
    [InlineData("--TextLine:FlowsPath", "stats")]
    public void Settings_on_the_command_line_start_the_line(params string[] args) =>
        Assert.False(CliCommand.IsVerb(args), $"'{string.Join(' ', args)}' would not start the line");
}
