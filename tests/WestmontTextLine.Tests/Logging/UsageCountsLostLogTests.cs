using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// Counts the store did not take, as the on-call operator reads it: the line carried the store's own message, which on
/// Redis named the counter's key and ran on with the client's counters ("Timeout performing HINCRBY (5000ms), next:
/// HINCRBY wtl:usage:2026-12-06, inst: 3, qu: 0, ..."). It now says how many counts were lost, and why, in the line's words.
/// </summary>
public sealed class UsageCountsLostLogTests
{
    private const string RedisTimeout = "Timeout performing HINCRBY (5000ms), next: HINCRBY wtl:usage:2026-12-06, inst: 3, qu: 0, qs: 12, " +
        "aw: False, bw: SpinningDown, rs: ReadAsync, ws: Idle, in: 0, last-in: 0, cur-in: 0, sync-ops: 0, async-ops: 20, " +
        "serverEndpoint: 127.0.0.1:6379, mc: 1/1/0, mgr: 10 of 10 available, clientName: line, key: wtl:usage:2026-12-06";

    [Fact]
    public async Task Lost_counts_are_said_by_how_many_and_why_without_the_stores_keys()
    {
        var logs = new CapturedLogs();
        var recorder = new UsageRecorder();
        using var writer = new UsageWriter(recorder, new TimingOutCounter(), new LoggerFactory([logs]).CreateLogger<UsageWriter>());
        var at = new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero);
        recorder.Record(new TextEvent("main", KeywordAction.None, NewConversation: true), at);
        recorder.Record(new TextEvent("health", KeywordAction.None, NewConversation: false), at);

        await writer.StopAsync(CancellationToken.None);

        var lost = Assert.Single(logs.Lines);
        Assert.StartsWith("Warning", lost);
        Assert.Contains("Usage counts lost: 5 counts for 2026-12-06 were not stored: storage does not answer (RedisTimeoutException)", lost);
        Assert.DoesNotContain("wtl:usage", lost);
        Assert.DoesNotContain("HINCRBY", lost);
    }

    private sealed class TimingOutCounter : IUsageCounter
    {
        public Task IncrementAsync(DateOnly day, IReadOnlyList<string> metrics, CancellationToken cancellationToken = default) =>
            Task.FromException(new RedisTimeoutException(RedisTimeout, CommandStatus.Sent));

        public Task<IReadOnlyList<UsageCount>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<UsageCount>>([]);
    }
}
