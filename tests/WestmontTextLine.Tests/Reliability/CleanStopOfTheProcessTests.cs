using Microsoft.Data.Sqlite;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>
/// The line in its own process, as an operator runs it (settings from the environment, its own database and port,
/// the log at the appsettings.json level), stopped with SIGTERM as <c>systemctl stop</c> stops it, then started again
/// on the same file: it exits in time with code 0, its log says it stopped cleanly without a number or a text's words,
/// her STOP is honoured, and another texter's conversation goes on where it was.
/// </summary>
public sealed class CleanStopOfTheProcessTests
{
    /// <summary>The host's default: a stop that takes longer is cut short and loses what was not done.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The log at the level appsettings.json sets, not the quieter one LineProcess starts with.</summary>
    private static readonly Dictionary<string, string> OperatorsLog = new() { ["Logging__LogLevel__Default"] = "Information" };

    [Fact]
    public async Task A_sigterm_stops_the_line_cleanly_and_the_line_started_again_honours_her_stop_and_goes_on_with_his_menu()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-sigterm-{Guid.NewGuid():N}.db");
        const string her = "+16305557311", him = "+16305557322";
        const string herFirstWords = "hello is this the line qz7";
        var expected = new EngineHarness();
        try
        {
            await using (var line = await LineProcess.StartAsync(database, OperatorsLog))
            {
                Assert.Equal(new EngineHarness().Text(herFirstWords), await line.ReplyAsync(her, herFirstWords, Sid(1)));
                Assert.Equal(expected.Text("hi"), await line.ReplyAsync(him, "hi", Sid(2)));
                Assert.Equal(expected.Text("3"), await line.ReplyAsync(him, "3", Sid(3)));
                Assert.Equal(EngineHarness.Flow.Language("en").Messages.StopConfirm, await line.ReplyAsync(her, "STOP", Sid(4)));

                line.Terminate();
                Assert.Equal(0, await line.WaitForExitAsync(ShutdownTimeout));
                var log = line.Output + line.Error;
                Assert.Contains("The line stopped cleanly", log);
                Assert.DoesNotContain("fail:", log);
                foreach (var secret in new[] { her, her[2..], her[^7..], him, him[2..], him[^7..], herFirstWords, "qz7" }) Assert.DoesNotContain(secret, log);
                Assert.Equal(0L, UnfoldedRows(database)); // the stop folded its session log into the sessions table
            }

            await using var again = await LineProcess.StartAsync(database, OperatorsLog);
            Assert.Null(await again.ReplyAsync(her, "hi", Sid(5)));
            var next = expected.Text("1");
            Assert.NotEqual(new EngineHarness().Text("1"), next); // what a texter the line forgot would get instead
            Assert.Equal(next, await again.ReplyAsync(him, "1", Sid(6)));
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    [Fact]
    public async Task With_the_log_at_warning_as_a_quiet_deployment_keeps_it_the_clean_stop_is_still_logged()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-sigterm-quiet-{Guid.NewGuid():N}.db");
        try
        {
            await using var line = await LineProcess.StartAsync(database); // Logging__LogLevel__Default=Warning
            Assert.Equal(new EngineHarness().Text("hi"), await line.ReplyAsync("+16305557333", "hi", Sid(7)));

            line.Terminate();
            Assert.Equal(0, await line.WaitForExitAsync(ShutdownTimeout));
            Assert.Contains("The line stopped cleanly", line.Output + line.Error);
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    private static long UnfoldedRows(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM session_log";
        return (long)count.ExecuteScalar()!;
    }

    private static string Sid(int n) => "SM" + n.ToString("D32");
}
