using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Cli;
using WestmontTextLine.Sms;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Senders;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Cli;

public partial class StatsCommandTests
{
    private const string Phone = "+16305550142";
    private static readonly string[] Texts = ["hi", "3", "1", "HELP", "I need a clinic please", "STOP"];

    [GeneratedRegex("^(texts|conversations|node:[a-z0-9_]+|keyword:(stop|help|emergency|forget|start|language))$")]
    private static partial Regex KnownMetric();

    // Run before the line's first start, or with a mistyped path (here, as another user with sudo, it made a file the
    // line could not write), stats created an empty database there and reported zeros.
    [Fact]
    public async Task Stats_where_there_is_no_database_says_so_and_creates_nothing()
    {
        using var root = new ToolRoot();
        var database = Path.Combine(root.DataFolder, "textlin.db");

        var run = await CliRun.RunAsync(["stats", "--Storage:ConnectionString", $"Data Source={database}"], contentRoot: root.Path);

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.StartsWith($"No usage to show: there is no database at {database} (Storage:ConnectionString).", run.Output);
        Assert.False(Directory.Exists(root.DataFolder), "stats created the data folder");
    }

    [Fact]
    public async Task After_a_conversation_on_the_webhook_the_counts_move_and_hold_no_sender_data()
    {
        var database = Path.Combine(Path.GetTempPath(), $"stats-{Guid.NewGuid():N}.db");
        try
        {
            var factory = new TextLineFactory { DatabasePath = database, KeepDatabase = true };
            string[] stats = ["stats", "--Storage:ConnectionString", $"Data Source={database}"];
            void Clock(IServiceCollection services) => services.AddSingleton<TimeProvider>(factory.Clock);

            var before = await CliRun.RunAsync(stats, services: Clock);
            var twilio = factory.CreateTwilioClient(Phone);
            foreach (var text in Texts) await twilio.TextAsync(text);
            // Stopping the line lets its usage writer store what is still queued.
            factory.Dispose();
            var after = await CliRun.RunAsync(stats, services: Clock);

            Assert.True(before.ExitCode == CliCommand.Ok, before.ToString());
            Assert.Contains($"No usage to show: there is no database at {database} (Storage:ConnectionString). The line creates it at its " +
                "first start; stats created nothing.", before.OutputLines);
            Assert.True(after.ExitCode == CliCommand.Ok, after.ToString());
            Assert.Contains("Last 7 days (2026-11-20 to 2026-11-26): 6 texts, 1 new conversation", after.OutputLines);
            Assert.Contains("Last 30 days (2026-10-28 to 2026-11-26): 6 texts, 1 new conversation", after.OutputLines);
            Assert.Contains($"    Thu 2026-11-26  {Bar(30)} 6 (1 new)", after.OutputLines);
            Assert.Contains("    Wed 2026-11-25  0", after.OutputLines);
            foreach (var node in new[] { "main", "health", "health_testing", "health_clinics" })
            {
                // Once in the 7-day chart, once in the 30-day one.
                Assert.Equal(2, after.OutputLines.Count(line => Regex.IsMatch(line, $@"^    {node} +.*  {Bar(30)} 1$")));
            }
            Assert.DoesNotContain(after.OutputLines, line => line.StartsWith("    law ", StringComparison.Ordinal));
            Assert.Contains(after.OutputLines, line => line.StartsWith("    not visited: law, law_status,", StringComparison.Ordinal));
            Assert.Contains($"    STOP       {Bar(30)} 1", after.OutputLines);
            Assert.Contains($"    HELP       {Bar(30)} 1", after.OutputLines);
            Assert.Contains("    EMERGENCY  0", after.OutputLines);

            AssertUsageTableHoldsNoSenderData(database);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            SqliteFiles.Delete(database);
        }
    }

    private static void AssertUsageTableHoldsNoSenderData(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        Assert.Equal(["day", "metric", "count"], Column(connection, "SELECT name FROM pragma_table_info('usage')"));

        var senderKey = new SenderKeys(Encoding.UTF8.GetBytes("test-privacy-key")).KeyOf(Phone);
        // The sessions table does hold the keyed hash, so looking for it in the usage table means something.
        Assert.Contains(senderKey, Column(connection, "SELECT sender_key FROM sessions"));

        var rows = Column(connection, "SELECT day || '|' || metric || '|' || count FROM usage");
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var metric = row.Split('|')[1];
            Assert.Matches(KnownMetric(), metric);
            Assert.DoesNotContain("5550142", row);
            Assert.DoesNotContain(senderKey, row);
            Assert.DoesNotContain(senderKey[..8], row);
            foreach (var text in Texts.Where(t => t.Length > 4)) Assert.DoesNotContain(text, row, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain(rows, row => row.Contains("need", StringComparison.OrdinalIgnoreCase));
    }

    private static List<string> Column(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    private static string Bar(int length) => new(BarChart.Block, length);

    [Fact]
    public async Task The_texts_the_line_sent_first_show_a_refusal_for_an_opt_out_at_the_carrier_apart_from_a_failure()
    {
        var today = new DateOnly(2026, 11, 26);
        UsageCount[] counts =
        [
            new(today, OutboundMetrics.Sent("checkin_due"), 5), new(today, OutboundMetrics.Sent("alert_missed"), 1),
            new(today, OutboundMetrics.Suppressed("checkin_due"), 1), new(today, OutboundMetrics.Failed("alert_missed"), 1),
            new(today, OutboundMetrics.OptedOutAtCarrier("checkin_due"), 2),
        ];
        using var output = new StringWriter();

        await new UsageReport(counts, today, []).WriteAsync(output);

        var lines = output.ToString().Split(Environment.NewLine);
        var section = Array.IndexOf(lines, "  Texts the line sent first (check-ins, alerts, staff replies)");
        Assert.True(section > 0, output.ToString());
        Assert.Equal(
            ["sent 6", "not sent: opted out 1", "failed (given up) 1", "refused: opted out at the carrier (21610) 2"],
            lines.Skip(section + 1).Take(4).Select(line => Regex.Replace(line.Trim(), $"[ {BarChart.Block}]+", " ")));
    }

    [Fact]
    public void Bars_are_scaled_to_the_largest_count_and_never_hide_a_count()
    {
        Assert.Equal(BarChart.Width, BarChart.BarLength(12, 12));
        Assert.Equal(15, BarChart.BarLength(6, 12));
        Assert.Equal(1, BarChart.BarLength(1, 1000));
        Assert.Equal(0, BarChart.BarLength(0, 12));
    }
}
