using WestmontTextLine.Cli;

namespace WestmontTextLine.Tests.Cli;

/// <summary>
/// `check` is a look before deploying, and writes nothing. In Development with no TextLine:PrivacyKey it created
/// data/privacy.key (and the data folder), as the line's first start does: run as another user, or before the first
/// start, it left a key file the line then kept using, or failed to write one. It says what the start would do.
/// </summary>
public sealed class CheckWritesNothingTests : IDisposable
{
    private readonly ToolRoot _root = new();

    private string KeyFile => _root.PrivacyKeyFile;

    [Fact]
    public async Task Check_in_development_creates_no_privacy_key_and_says_the_start_would()
    {
        var run = await CliRun.RunAsync(["check", "--environment", "Development"], contentRoot: _root.Path);

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.False(Directory.Exists(_root.DataFolder), "check created the data folder");
        Assert.Contains($"Privacy key: TextLine:PrivacyKey is not set, and there is no {KeyFile} yet: the line's first start in Development " +
            "creates one there and keeps using it (check creates nothing).", run.OutputLines);
    }

    // The key the start made is read, not replaced, and there is nothing to say of it.
    [Fact]
    public async Task Check_reads_a_privacy_key_file_there_is_and_leaves_it_as_it_is()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        await File.WriteAllTextAsync(KeyFile, "a-development-key-made-by-the-first-start");

        var run = await CliRun.RunAsync(["check", "--environment", "Development"], contentRoot: _root.Path);

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.DoesNotContain(run.OutputLines, line => line.StartsWith("Privacy key:", StringComparison.Ordinal));
        Assert.Equal("a-development-key-made-by-the-first-start", await File.ReadAllTextAsync(KeyFile));
    }

    public void Dispose() => _root.Dispose();
}
