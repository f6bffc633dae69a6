using WestmontTextLine.Cli;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Tests.Cli;

/// <summary>
/// `chat` with its in-memory store is a try-out: nothing outlives it. In Development with no TextLine:PrivacyKey it
/// still created data/privacy.key (and the data folder), as the line's first start does, before it swapped in its
/// throwaway key; the line then kept using that key. It writes nothing now, as `check` (<see cref="CheckWritesNothingTests"/>).
/// </summary>
public sealed class ChatWritesNothingTests : IDisposable
{
    private readonly ToolRoot _root = new();

    private string KeyFile => _root.PrivacyKeyFile;

    [Fact]
    public async Task Chat_in_development_creates_no_privacy_key_nor_data_folder()
    {
        var run = await CliRun.RunAsync(["chat", "--environment", "Development"], input: "hi\nMENU\n", contentRoot: _root.Path);

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.DoesNotContain(ChatCommand.NoReply, run.Output);
        Assert.False(Directory.Exists(_root.DataFolder), "chat created the data folder");
    }

    // The key the start made is left as it is; the chat still runs under its own throwaway key.
    [Fact]
    public async Task Chat_leaves_a_privacy_key_file_there_is_as_it_is()
    {
        Directory.CreateDirectory(_root.DataFolder);
        await File.WriteAllTextAsync(KeyFile, "a-development-key-made-by-the-first-start");

        var run = await CliRun.RunAsync(["chat", "--environment", "Development"], input: "hi\n", contentRoot: _root.Path);

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.Equal("a-development-key-made-by-the-first-start", await File.ReadAllTextAsync(KeyFile));
        Assert.Equal([DevelopmentPrivacyKey.KeyFile], Directory.GetFiles(_root.DataFolder).Select(Path.GetFileName));
    }

    public void Dispose() => _root.Dispose();
}
