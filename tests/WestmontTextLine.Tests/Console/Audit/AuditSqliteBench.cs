using System.Diagnostics;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;
using Xunit.Abstractions;

namespace WestmontTextLine.Tests.Console.Audit;

/// <summary>
/// Not a test: times the SQLite audit log's views at 250,000 entries like a line's, in the file named by
/// AUDIT_BENCH_SQLITE (filled once, kept for the next run, so a build before a change and one after read the same
/// file; the first open by a newer build also times what it adds to the file). Skipped without it.
/// </summary>
public sealed class AuditSqliteBench(ITestOutputHelper output)
{
    private const int Written = 250_000;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Times_each_view_at_250_000_entries()
    {
        var path = Environment.GetEnvironmentVariable("AUDIT_BENCH_SQLITE");
        if (path is null) return;
        var open = Stopwatch.StartNew();
        await using var log = new SqliteAuditLog($"Data Source={path}", capacity: 1_000_000);
        output.WriteLine($"open (and prepare the file): {open.Elapsed.TotalMilliseconds:F0} ms");
        if (await log.CountAsync() < Written) await FillAsync(log);
        (string Name, AuditFilter Filter)[] views =
        [
            ("none", AuditFilter.None), ("who, thin", new(Actor: "thin")), ("who, busy", new(Actor: "volunteer3")),
            ("who, María", new(Actor: "María")), ("who, MARÍA", new(Actor: "MARÍA")), ("what", new(Kind: "shift")),
            ("to what, ascii", new(TargetContains: "a1b2")), ("to what, José", new(TargetContains: "José")),
            ("who thin + to what", new(Actor: "thin", TargetContains: "conv")), ("who MARÍA + what", new(Actor: "MARÍA", Kind: "inbox")),
        ];
        foreach (var (name, filter) in views)
        {
            foreach (var page in new[] { 0, 1 })
            {
                await log.ReadViewAsync(filter, page, 500);
                var times = new List<double>();
                AuditView? view = null;
                for (var i = 0; i < 5; i++)
                {
                    var clock = Stopwatch.StartNew();
                    view = await log.ReadViewAsync(filter, page, 500);
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                output.WriteLine($"{name,-22} page {page}: median {times[2],7:F1} ms (min {times[0]:F1}), {view!.Matching} match, {view.Entries.Count} shown");
            }
        }
    }

    private static async Task FillAsync(SqliteAuditLog log)
    {
        var random = new Random(7);
        string[] staff = [.. Enumerable.Range(0, 23).Select(i => $"volunteer{i}"), "María"];
        string[] actions = [ConsoleAuditActions.ShiftOn, ConsoleAuditActions.ShiftOff, ConsoleAuditActions.SignedIn, ConsoleAuditActions.ConversationClaimed,
            ConsoleAuditActions.ConversationReplied, ConsoleAuditActions.ConversationRead, ConsoleAuditActions.ConversationClosed];
        for (var start = 0; start < Written; start += 500)
        {
            await Task.WhenAll(Enumerable.Range(start, 500).Select(i =>
            {
                var action = actions[random.Next(actions.Length)];
                var actor = i % 256 == 100 ? "thin" : staff[random.Next(24)];
                var target = action.StartsWith("inbox.", StringComparison.Ordinal)
                    ? $"conversation {Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64()))}a1b2" + (action == ConsoleAuditActions.ConversationRead ? $" (held by {staff[random.Next(24)]})" : "")
                    : i % 5_000 == 7 ? "José" : "";
                return log.AppendAsync(new AuditEntry(Start.AddSeconds(i * 60), actor, action, target));
            }));
        }
    }
}
