using Microsoft.Data.Sqlite;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Support;
using Xunit.Abstractions;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>
/// The line in its own process on SQLite, with deletion at the provider on, killed with SIGKILL right after a burst of
/// signed texts, the last round still in flight, then started again on the same file. README promises, for a text
/// answered 200: its session change is in the reply's own commit (the session log), so the menu goes on and STOP holds;
/// a Twilio retry of it gets the same reply; its deletion at the provider is queued in the same commit. This checks
/// exactly that. A text in flight at the kill may or may not have been taken: either way a retry of it gets the reply
/// the conversation so far gives it.
/// </summary>
public sealed class KillAfterABurstTests(ITestOutputHelper output)
{
    private const int Senders = 24;
    private static readonly string[] Menu = ["hi", "3", "1"];
    private static readonly string[] Stopping = ["hi", "2", "STOP"];

    [Fact]
    public async Task Every_text_answered_before_a_kill_9_right_after_a_burst_is_kept_as_readme_promises()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-burst-kill-{Guid.NewGuid():N}.db");
        await using var fake = await FakeTwilioApi.StartAsync(authToken: LineProcess.AuthToken);
        var settings = new Dictionary<string, string>
        {
            ["Twilio__AccountSid"] = fake.AccountSid,
            ["Twilio__ApiBaseUrl"] = fake.BaseUrl.ToString(),
            ["Twilio__From"] = "+16305559999",
            ["TextLine__RateLimitPerMinute"] = "0",
        };
        var senders = Enumerable.Range(0, Senders).Select(i => new Sender($"+1630552{i:D4}", i % 2 == 0 ? Menu : Stopping)).ToList();
        try
        {
            await using (var line = await LineProcess.StartAsync(database, settings))
            {
                await Parallel.ForEachAsync(senders, async (sender, _) =>
                {
                    foreach (var body in sender.Path) await sender.SendAsync(line, body);
                });

                // The last round, each texter's texts one after another: killed as soon as one text of it is answered.
                var firstAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var last = senders.Select(sender => sender.SendLastAsync(line, firstAnswered)).ToList();
                await firstAnswered.Task;
                line.Kill();
                await Task.WhenAll(last);
            }
            var answered = senders.SelectMany(sender => sender.Answered).ToList();
            output.WriteLine($"{answered.Count} texts answered, {senders.Sum(s => s.LastAnswered)} of the last round, " +
                $"{senders.Count(s => s.InFlight)} in flight at the kill, {UnfoldedRows(database)} log rows not folded");

            var queuedForDeletion = QueuedForDeletion(database);
            Assert.All(answered, sid => Assert.Contains(sid, queuedForDeletion));

            await using var again = await LineProcess.StartAsync(database, settings);
            await Parallel.ForEachAsync(senders, async (sender, _) =>
            {
                var sent = sender.LastRound;
                foreach (var (body, _) in sent) sender.Expected.Text(body);
                // A Twilio retry of her last text sent: its stored reply, or (in flight, never taken) the reply it gets now; the same words.
                if (sent.Count > 0) Assert.Equal(sender.Expected.Last!.Reply, await again.ReplyAsync(sender.Number, sent[^1].Body, sent[^1].Sid));
                // A retry of the one answered before it is a repeat: nothing is sent, and nothing moves.
                if (sent.Count > 1) Assert.Null(await again.ReplyAsync(sender.Number, sent[^2].Body, sent[^2].Sid));
                Assert.Equal(sender.Expected.Text("1"), await again.ReplyAsync(sender.Number, "1", sender.NextSid()));
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            SqliteFiles.Delete(database);
        }
    }

    private static HashSet<string> QueuedForDeletion(string database) => Read(database, "SELECT id FROM work_log").ToHashSet();

    private static long UnfoldedRows(string database) => long.Parse(Read(database, "SELECT count(*) FROM session_log").Single());

    private static List<string> Read(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(Convert.ToString(reader.GetValue(0))!);
        return values;
    }

    /// <summary>One texter: her path, checked against the engine as it goes, and the SIDs the line answered.</summary>
    private sealed class Sender(string number, string[] path)
    {
        private static readonly string[] LastBodies = ["BACK", "3", "MENU", "2"];
        private int _sent;

        public string Number { get; } = number;
        public string[] Path { get; } = path;
        public EngineHarness Expected { get; } = new();
        public List<string> Answered { get; } = [];
        /// <summary>The last round's texts sent: all answered but perhaps the last, in flight at the kill.</summary>
        public List<(string Body, string Sid)> LastRound { get; } = [];
        public int LastAnswered { get; private set; }
        public bool InFlight => LastRound.Count > LastAnswered;

        public string NextSid() => $"SM{Number[^4..]}{++_sent:D28}";

        public async Task SendAsync(LineProcess line, string body)
        {
            var sid = NextSid();
            Assert.Equal(Expected.Text(body), await line.ReplyAsync(Number, body, sid));
            Answered.Add(sid);
        }

        /// <summary>The last round, one text after another until the line is killed; nothing asserted of its answers here.</summary>
        public async Task SendLastAsync(LineProcess line, TaskCompletionSource firstAnswered)
        {
            // Until the kill: a round longer than the kill takes to land.
            foreach (var body in Enumerable.Repeat(LastBodies, 50).SelectMany(bodies => bodies))
            {
                var sid = NextSid();
                LastRound.Add((body, sid));
                try
                {
                    using var response = await line.TextAsync(Number, body, sid);
                    if ((int)response.StatusCode != 200) return;
                    await response.Content.ReadAsStringAsync();
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
                {
                    return; // killed with this text in flight
                }
                Answered.Add(sid);
                LastAnswered++;
                firstAnswered.TrySetResult();
            }
        }
    }
}
