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

    [Fact]
    public async Task Counts_lost_batch_after_batch_are_said_once_and_again_when_stored_with_how_many_were_lost()
    {
        var logs = new CapturedLogs();
        var recorder = new UsageRecorder();
        var counter = new CounterDownUntilBack();
        using var writer = new UsageWriter(recorder, counter, new LoggerFactory([logs]).CreateLogger<UsageWriter>());
        var at = new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero);
        await writer.StartAsync(CancellationToken.None);

        // A batch a second while the store is down: 3 counts (a text, a conversation, a node), then 2 (a text, a node).
        recorder.Record(new TextEvent("main", KeywordAction.None, NewConversation: true), at);
        await Eventually.TrueAsync(() => counter.Calls >= 1, "the first batch, refused");
        recorder.Record(new TextEvent("health", KeywordAction.None, NewConversation: false), at);
        await Eventually.TrueAsync(() => counter.Calls >= 2, "the second batch, refused");
        counter.Back();
        recorder.Record(new TextEvent("main", KeywordAction.None, NewConversation: false), at);
        await writer.StopAsync(CancellationToken.None);

        var lines = logs.Lines.ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.StartsWith("Warning", line));
        Assert.Contains("Usage counts lost: 3 counts for 2026-12-06 were not stored: storage does not answer (RedisTimeoutException). " +
            "Logged once until counts are stored again", lines[0]);
        Assert.Contains("Usage counts are stored again: 5 count(s) were lost over ", lines[1]);
    }

    // A burst the queue could not hold wrote this line for each batch that found texts dropped: one a second.
    [Fact]
    public async Task Texts_the_full_queue_dropped_batch_after_batch_are_said_once_and_again_when_every_text_is_counted()
    {
        var logs = new CapturedLogs();
        var recorder = new UsageRecorder();
        var at = new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero);
        // Texts come in while each batch is written: one after the first, a burst the queue cannot hold after the second.
        var counter = new CounterThatLetsTextsIn(call =>
        {
            if (call == 1) recorder.Record([UsageMetrics.Texts], at);
            if (call == 2) OverfillBy(2, recorder, at);
        });
        using var writer = new UsageWriter(recorder, counter, new LoggerFactory([logs]).CreateLogger<UsageWriter>());
        OverfillBy(3, recorder, at);

        // The stop writes batch after batch until the queue is empty: 3 texts dropped before the first, 2 before the
        // second, none before the third.
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(3, counter.Calls);
        var lines = logs.Lines.ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.StartsWith("Warning", line));
        Assert.Contains("Usage counts lost: 3 texts not counted (the queue was full). Logged once until every text is counted again", lines[0]);
        Assert.Contains("Usage counts: every text is counted again; 5 text(s) were not counted (the queue was full) over ", lines[1]);
    }

    private static void OverfillBy(int dropped, UsageRecorder recorder, DateTimeOffset at)
    {
        for (var i = 0; i < UsageRecorder.Capacity + dropped; i++) recorder.Record([UsageMetrics.Texts], at);
    }

    private sealed class CounterThatLetsTextsIn(Action<int> whileWriting) : IUsageCounter
    {
        public int Calls { get; private set; }

        public Task IncrementAsync(DateOnly day, IReadOnlyList<string> metrics, CancellationToken cancellationToken = default)
        {
            whileWriting(++Calls);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<UsageCount>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<UsageCount>>([]);
    }

    private sealed class CounterDownUntilBack : IUsageCounter
    {
        private int _calls;
        private volatile bool _back;

        public int Calls => Volatile.Read(ref _calls);

        public void Back() => _back = true;

        public Task IncrementAsync(DateOnly day, IReadOnlyList<string> metrics, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return _back ? Task.CompletedTask : Task.FromException(new RedisTimeoutException(RedisTimeout, CommandStatus.Sent));
        }

        public Task<IReadOnlyList<UsageCount>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<UsageCount>>([]);
    }

    private sealed class TimingOutCounter : IUsageCounter
    {
        public Task IncrementAsync(DateOnly day, IReadOnlyList<string> metrics, CancellationToken cancellationToken = default) =>
            Task.FromException(new RedisTimeoutException(RedisTimeout, CommandStatus.Sent));

        public Task<IReadOnlyList<UsageCount>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<UsageCount>>([]);
    }
}
