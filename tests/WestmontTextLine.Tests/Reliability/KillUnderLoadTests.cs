using System.Text;
using WestmontTextLine.Senders;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;
using Xunit.Abstractions;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>
/// The line in its own process on SQLite, killed with SIGKILL at a random moment under load, then started again on
/// the same file: every text that was answered left exactly the session its reply implies. The session log means
/// most of those changes were never folded into the sessions table when the process died.
/// </summary>
public sealed class KillUnderLoadTests(ITestOutputHelper output)
{
    private const string PrivacyKey = "process-privacy-key"; // LineProcess's
    private const int Workers = 16;
    private const int SendersPerWorker = 20;
    private static readonly string[] Path = ["hi", "3", "1", "BACK", "2", "MENU", "clinic", "what is this", "0", "5", "1", "BACK"];

    [Fact]
    public async Task Every_answered_text_survives_a_kill_at_a_random_moment_exactly_as_its_reply_implies()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var killAfter = TimeSpan.FromMilliseconds(random.Next(1_000, 3_000));
        output.WriteLine($"seed {seed}: kill -9 after {killAfter.TotalMilliseconds:F0} ms of load");
        var database = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"textline-kill-{Guid.NewGuid():N}.db");
        // The rate limit is beside the point here, and would answer a busy test sender with silence.
        var settings = new Dictionary<string, string> { ["TextLine__RateLimitPerMinute"] = "0" };
        var senders = Enumerable.Range(0, Workers * SendersPerWorker).Select(i => new Sender($"+1630553{i:D4}")).ToList();
        try
        {
            await using (var line = await LineProcess.StartAsync(database, settings))
            {
                using var killed = new CancellationTokenSource();
                var load = Enumerable.Range(0, Workers).Select(w => Task.Run(() => TextAsync(line, senders.Where((_, i) => i % Workers == w).ToList(), killed.Token))).ToList();
                await Task.Delay(killAfter);
                line.Kill();
                await killed.CancelAsync();
                await Task.WhenAll(load);
            }

            var answered = senders.Sum(s => s.Answered.Count);
            var inFlight = senders.Count(s => s.InFlight is not null);
            output.WriteLine($"{answered} texts answered before the kill, {inFlight} in flight, " +
                $"{senders.Count(s => s.Answered.Count > 0)} senders");
            Assert.True(answered >= 200, $"only {answered} texts were answered before the kill: too few to show anything");
            Assert.DoesNotContain(senders.SelectMany(s => s.Answered), text => text.Reply?.Contains("text again") == true);

            // The file as the kill left it, read back as a restarted store reads it, before any fold: each sender's
            // session is the one its last reply left (or, where a text was in flight, possibly that text's, on top).
            var keys = new SenderKeys(Encoding.UTF8.GetBytes(PrivacyKey));
            await using (var store = new SqliteSessionStore($"Data Source={database}", NoFold))
            {
                output.WriteLine($"{store.UnfoldedRows} log rows not folded at the kill");
                foreach (var sender in senders.Where(s => s.Answered.Count > 0)) await AssertStoredAsync(store, keys, sender);
            }

            // The restarted line: a Twilio retry of each sender's last answered text gets that text's reply again.
            await using var restarted = await LineProcess.StartAsync(database, settings);
            await Parallel.ForEachAsync(senders.Where(s => s.Answered.Count > 0 && s.InFlight is null),
                new ParallelOptions { MaxDegreeOfParallelism = Workers }, async (sender, token) =>
                {
                    var last = sender.Answered[^1];
                    using var response = await restarted.TextAsync(sender.Number, last.Body, last.Sid, token);
                    var reply = TwilioClient.ReplyOf(await response.Content.ReadAsStringAsync(token));
                    Assert.True(reply == last.Reply, $"{sender.Number}: a retry of {last.Sid} got \"{reply}\", not \"{last.Reply}\"");
                });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            SqliteFiles.Delete(database);
        }
    }

    // As a restarted store reads the file, without folding it meanwhile or on close.
    private static readonly SqliteSessionLogOptions NoFold = new(
        FoldAfter: TimeSpan.FromDays(1), FoldInterval: TimeSpan.FromHours(1), RowsPerFold: 2_000, MaxBacklogRows: long.MaxValue, FoldOnClose: false);

    private static async Task AssertStoredAsync(SqliteSessionStore store, SenderKeys keys, Sender sender)
    {
        var session = await store.LoadAsync(keys.KeyOf(sender.Number));
        Assert.NotNull(session);
        var last = sender.Answered[^1];
        if (sender.InFlight is { } flight && session.LastMessageSid == flight.Sid)
        {
            Assert.StartsWith(last.Sid, session.EarlierMessageSids);
            return;
        }
        Assert.True(session.LastMessageSid == last.Sid && session.LastReply == last.Reply,
            $"{sender.Number}: stored {session.LastMessageSid} \"{session.LastReply}\", answered {last.Sid} \"{last.Reply}\"");
        var earlier = sender.Answered.Take(sender.Answered.Count - 1).Reverse().Take(Session.EarlierMessageSidsKept).Select(t => t.Sid);
        Assert.Equal(string.Join(' ', earlier), session.EarlierMessageSids ?? "");
    }

    /// <summary>One worker: its senders in turn, each walking the path one text at a time, until the line dies.</summary>
    private static async Task TextAsync(LineProcess line, List<Sender> senders, CancellationToken killed)
    {
        for (var round = 0; !killed.IsCancellationRequested; round++)
        {
            foreach (var sender in senders)
            {
                var body = Path[round % Path.Length];
                var sid = $"SMkill{sender.Number[^4..]}{round:D6}{Guid.NewGuid():N}"[..34];
                sender.InFlight = new Text(sid, body, null);
                try
                {
                    using var response = await line.TextAsync(sender.Number, body, sid, CancellationToken.None);
                    if ((int)response.StatusCode != 200) return;
                    var reply = TwilioClient.ReplyOf(await response.Content.ReadAsStringAsync(CancellationToken.None));
                    sender.Answered.Add(new Text(sid, body, reply));
                    sender.InFlight = null;
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or System.Xml.XmlException)
                {
                    return; // the line died with this text in flight: it may or may not have been applied
                }
                if (killed.IsCancellationRequested) return;
            }
        }
    }

    private sealed class Sender(string number)
    {
        public string Number { get; } = number;
        public List<Text> Answered { get; } = [];
        public Text? InFlight { get; set; }
    }

    private sealed record Text(string Sid, string Body, string? Reply);
}
