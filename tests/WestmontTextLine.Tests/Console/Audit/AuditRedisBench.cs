using System.Diagnostics;
using StackExchange.Redis;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Storage;
using Xunit.Abstractions;

namespace WestmontTextLine.Tests.Console.Audit;

/// <summary>
/// Not a test: times the Redis audit log's views and sweep at its ceiling, on a redis-server named by
/// AUDIT_BENCH_REDIS (host:port), filled once with 250,000 entries like a line's. Skipped without it.
/// </summary>
public sealed class AuditRedisBench(ITestOutputHelper output)
{
    private const int Written = 250_000;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Times_each_view_at_the_ceiling()
    {
        var address = Environment.GetEnvironmentVariable("AUDIT_BENCH_REDIS");
        if (address is null) return;
        using var redis = ConnectionMultiplexer.Connect(address + ",allowAdmin=true");
        var log = new RedisAuditLog(redis, new RedisKeys("bench:"));
        if (await log.CountAsync() < Written) await FillAsync(log);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        (string Name, AuditFilter Filter)[] views =
        [
            ("none", AuditFilter.None), ("who, thin (one a part)", new(Actor: "thin")), ("who, busy", new(Actor: "volunteer3")),
            ("what", new(Kind: "shift")), ("to what, ascii", new(TargetContains: "a1b2")), ("to what, José", new(TargetContains: "José")),
            ("to what, é", new(TargetContains: "é")), ("to what, ñ", new(TargetContains: "Ñ")), ("who thin + to what", new(Actor: "thin", TargetContains: "conv")),
        ];
        foreach (var (name, filter) in views)
        {
            foreach (var page in new[] { 0, 1 })
            {
                await log.ReadViewAsync(filter, page, 500);
                server.Execute("CONFIG", "SET", "slowlog-log-slower-than", "0");
                server.Execute("SLOWLOG", "RESET");
                var times = new List<double>();
                AuditView? view = null;
                for (var i = 0; i < 5; i++)
                {
                    var clock = Stopwatch.StartNew();
                    view = await log.ReadViewAsync(filter, page, 500);
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
                var longest = LongestCommandMicroseconds(server);
                times.Sort();
                output.WriteLine($"{name,-28} page {page}: median {times[2],7:F1} ms (min {times[0]:F1}), {view!.Matching} match, {view.Entries.Count} shown; longest Redis command {longest} µs");
            }
        }
        server.Execute("SLOWLOG", "RESET");
        var sweep = Stopwatch.StartNew();
        var purged = await log.PurgeOlderThanAsync(Start.AddDays(-1));
        output.WriteLine($"sweep (nothing to delete): {sweep.Elapsed.TotalMilliseconds:F1} ms, {purged} purged; longest Redis command {LongestCommandMicroseconds(server)} µs");
        server.Execute("CONFIG", "SET", "slowlog-log-slower-than", "10000");
    }

    /// <summary>
    /// The age sweep's walk of the parts' tallies at the largest ceiling (5,000,000 entries: 19,532 parts), each part's
    /// tally made as a sweep reads it (its earliest time, after the cutoff), in one script as before and in steps.
    /// </summary>
    [Fact]
    public async Task Times_the_age_sweep_at_the_largest_ceiling()
    {
        var address = Environment.GetEnvironmentVariable("AUDIT_BENCH_REDIS");
        if (address is null) return;
        using var redis = ConnectionMultiplexer.Connect(address + ",allowAdmin=true");
        var keys = new RedisKeys("bench-sweep:");
        var prefix = keys.AuditKeys();
        const int parts = 5_000_000 / RedisAuditRecord.PartSize + 1;
        await redis.GetDatabase().ScriptEvaluateAsync("""
            for part = 1, tonumber(ARGV[1]) do
              redis.call('ZADD', KEYS[1] .. 'parts', part, part)
              redis.call('HSET', KEYS[1] .. 's:' .. part, '<', ARGV[2], '>', ARGV[2], 'w1', 256, 'k1', 256, 'b1.1', 256)
            end
            """, [prefix], [parts, Start.ToUnixTimeMilliseconds()]);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        foreach (var atOnce in new[] { int.MaxValue, 500 })
        {
            var log = new RedisAuditLog(redis, keys) { PartsSweptAtOnce = atOnce };
            await log.PurgeOlderThanAsync(Start.AddDays(-1));
            server.Execute("CONFIG", "SET", "slowlog-log-slower-than", "0");
            var times = new List<(double Total, long Longest)>();
            for (var i = 0; i < 5; i++)
            {
                server.Execute("SLOWLOG", "RESET");
                var clock = Stopwatch.StartNew();
                await log.PurgeOlderThanAsync(Start.AddDays(-1));
                times.Add((clock.Elapsed.TotalMilliseconds, LongestCommandMicroseconds(server)));
            }
            server.Execute("CONFIG", "SET", "slowlog-log-slower-than", "10000");
            output.WriteLine($"sweep of {parts} parts, {(atOnce == int.MaxValue ? "all" : atOnce)} a script: " +
                $"{string.Join(", ", times.Select(time => $"{time.Total:F1} ms (longest command {time.Longest} µs)"))}");
        }
    }

    private static long LongestCommandMicroseconds(IServer server)
    {
        var entries = (RedisResult[])server.Execute("SLOWLOG", "GET", "1000")!;
        return entries.Select(entry => (long)((RedisResult[])entry!)[2]).DefaultIfEmpty(0).Max();
    }

    private static async Task FillAsync(RedisAuditLog log)
    {
        var random = new Random(7);
        string[] staff = [.. Enumerable.Range(0, 23).Select(i => $"volunteer{i}"), "María"];
        string[] actions = [ConsoleAuditActions.ShiftOn, ConsoleAuditActions.ShiftOff, ConsoleAuditActions.SignedIn, ConsoleAuditActions.ConversationClaimed,
            ConsoleAuditActions.ConversationReplied, ConsoleAuditActions.ConversationRead, ConsoleAuditActions.ConversationClosed];
        for (var start = 0; start < Written; start += 500)
        {
            var batch = Enumerable.Range(start, 500).Select(i =>
            {
                var action = actions[random.Next(actions.Length)];
                var actor = i % 256 == 100 ? "thin" : staff[random.Next(24)];
                var target = action.StartsWith("inbox.", StringComparison.Ordinal)
                    ? $"conversation {Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64()))}a1b2" + (action == ConsoleAuditActions.ConversationRead ? $" (held by {staff[random.Next(24)]})" : "")
                    : i % 5_000 == 7 ? "José" : "";
                return new AuditEntry(Start.AddSeconds(i * 30), actor, action, target);
            }).ToList();
            await Task.WhenAll(batch.Select(entry => log.AppendAsync(entry)));
        }
    }
}
