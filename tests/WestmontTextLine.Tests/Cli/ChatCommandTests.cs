using Microsoft.Data.Sqlite;
using WestmontTextLine.Cli;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Cli;

public class ChatCommandTests
{
    private static LanguageFlow English => EngineHarness.Flow.Languages["en"];
    private static LanguageFlow Spanish => EngineHarness.Flow.Languages["es"];

    /// <summary>How a reply appears in the chat: its text, then what it costs to send.</summary>
    private static string Shown(string reply) => $"{reply}\n[{ChatCommand.Meter(reply)}]\n";

    [Fact]
    public async Task Piped_texts_walk_the_menu_with_each_reply_metered()
    {
        var run = await CliRun.RunAsync(["chat"], input: "MENU\n3\n1\n");

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        var expected = "> MENU\n" + Shown(English.WelcomeReply) + "\n" +
            "> 3\n" + Shown(English.Nodes["health"].Reply) + "\n" +
            "> 1\n" + Shown(English.Nodes["health_testing"].Reply) + "\n";
        Assert.Equal(expected, run.Output);
    }

    [Fact]
    public void The_meter_counts_segments_encoding_and_length()
    {
        Assert.Equal("1 segment, GSM-7, 2 chars", ChatCommand.Meter("Hi"));
        Assert.Equal("2 segments, GSM-7, 161 chars", ChatCommand.Meter(new string('a', 161)));
        Assert.Equal("1 segment, GSM-7, 2 chars", ChatCommand.Meter("{"));
        Assert.Equal("1 segment, UCS-2, 3 chars", ChatCommand.Meter("It’"));
        Assert.Equal("2 segments, UCS-2, 71 chars", ChatCommand.Meter("’" + new string('a', 70)));
    }

    [Fact]
    public async Task Keywords_work_as_on_the_webhook_and_an_opted_out_texter_gets_silence()
    {
        var run = await CliRun.RunAsync(["chat"], input: "hi\n911\nSTOP\nhello\nSTART\n");

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.Contains("> 911\n" + Shown(English.Messages.Emergency), run.Output);
        Assert.Contains("> STOP\n" + Shown(English.Messages.StopConfirm), run.Output);
        Assert.Contains("> hello\n" + ChatCommand.NoReply + "\n\n", run.Output);
        Assert.Contains("> START\n" + Shown(English.StartReply), run.Output);
    }

    [Fact]
    public async Task On_a_terminal_it_prompts_and_does_not_echo()
    {
        var run = await CliRun.RunAsync(["chat", "--from", "+16305550177"], input: "hi\n", terminal: true);

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.StartsWith("Texting the line as +16305550177.", run.Output);
        Assert.Contains("> " + Shown(English.WelcomeReply), run.Output);
        Assert.DoesNotContain("> hi", run.Output);
        Assert.EndsWith("> ", run.Output);
    }

    [Fact]
    public async Task Lang_starts_in_that_language_without_showing_the_switch()
    {
        var run = await CliRun.RunAsync(["chat", "--lang", "es"], input: "3\n");

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.Equal("> 3\n" + Shown(Spanish.Nodes["health"].Reply) + "\n", run.Output);
        Assert.DoesNotContain(Spanish.Messages.LanguageSet, run.Output);
    }

    [Fact]
    public async Task An_unknown_language_is_a_usage_error()
    {
        var run = await CliRun.RunAsync(["chat", "--lang", "fr"], input: "hi\n");

        Assert.Equal(CliCommand.UsageError, run.ExitCode);
        Assert.Contains("--lang is one of en, es, not 'fr'", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task By_default_nothing_is_stored()
    {
        var database = Path.Combine(Path.GetTempPath(), $"chat-memory-{Guid.NewGuid():N}.db");

        var run = await CliRun.RunAsync(["chat", "--Storage:ConnectionString", $"Data Source={database}"], input: "hi\n3\n");

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.False(File.Exists(database), "the chat opened the real database");
    }

    [Fact]
    public async Task With_the_sqlite_store_a_conversation_goes_on_across_chats_and_is_counted()
    {
        var database = Path.Combine(Path.GetTempPath(), $"chat-sqlite-{Guid.NewGuid():N}.db");
        string[] args = ["chat", "--store", "sqlite", "--from", "+16305550188",
            "--Storage:ConnectionString", $"Data Source={database}", "--TextLine:PrivacyKey", "chat-test-privacy-key"];
        try
        {
            var first = await CliRun.RunAsync(args, input: "hi\n3\n");
            var second = await CliRun.RunAsync(args, input: "1\n");

            Assert.True(first.ExitCode == CliCommand.Ok, first.ToString());
            Assert.Equal("> 1\n" + Shown(English.Nodes["health_testing"].Reply) + "\n", second.Output);
            using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
            connection.Open();
            using var query = connection.CreateCommand();
            query.CommandText = "SELECT SUM(count) FROM usage WHERE metric = 'texts'";
            Assert.Equal(3L, query.ExecuteScalar());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            SqliteFiles.Delete(database);
        }
    }
}
