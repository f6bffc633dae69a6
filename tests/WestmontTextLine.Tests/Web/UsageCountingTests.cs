using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WestmontTextLine.Engine;
using WestmontTextLine.Hosting;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Web;

/// <summary>Counting is on the side: a counter that fails or hangs changes nothing for the texter.</summary>
public class UsageCountingTests
{
    [Fact]
    public async Task A_failing_counter_never_fails_a_reply()
    {
        using var factory = new TextLineFactory();
        using var line = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IUsageCounter>(new FailingCounter())));
        var twilio = new TwilioClient(line.CreateClient(), "+16305550161");

        Assert.Contains("Westmont Text Line", await twilio.TextAsync("hi"));
        Assert.Contains("Health and testing. Pick a topic:", await twilio.TextAsync("3"));
    }

    // The counter is called and never answers while the texts are sent: a reply that waited for it would never come,
    // and the test's timeout (a guard against that hang, not a speed goal) would fail it. It once also asserted the 20
    // texts took under 10 s, which a loaded machine's cold start alone could take. Twenty texts: more would be rate limited.
    [Fact(Timeout = 120_000)]
    public async Task A_hanging_counter_never_slows_a_reply()
    {
        var hanging = new HangingCounter();
        using var factory = new TextLineFactory { StorageBudget = TimeSpan.FromSeconds(60) };
        using var line = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IUsageCounter>(hanging)));
        try
        {
            var twilio = new TwilioClient(line.CreateClient(), "+16305550162");
            Assert.Contains("Pick a topic", await twilio.TextAsync("3"));
            await Eventually.TrueAsync(() => hanging.Calls > 0, "the counter called");

            for (var i = 1; i < 20; i++) Assert.Contains("Pick a topic", await twilio.TextAsync(i % 2 == 0 ? "3" : "BACK"));
            Assert.Equal(1, hanging.Calls);
        }
        finally
        {
            hanging.Release();
        }
    }

    [Fact]
    public void A_full_queue_drops_counts_without_blocking()
    {
        var recorder = new UsageRecorder();
        var textEvent = new TextEvent("main", KeywordAction.None, NewConversation: false);

        for (var i = 0; i < UsageRecorder.Capacity + 5; i++) recorder.Record(textEvent, DateTimeOffset.UnixEpoch);

        Assert.Equal(5, recorder.TakeDropped());
        Assert.Equal(UsageRecorder.Capacity, recorder.Reader.Count);
    }

    [Fact]
    public async Task A_stop_stores_what_is_still_queued_even_when_the_writer_never_ran()
    {
        var recorder = new UsageRecorder();
        var counter = new InMemoryUsageCounter();
        using var writer = new UsageWriter(recorder, counter, NullLogger<UsageWriter>.Instance);
        var day = new DateOnly(2026, 11, 26);

        recorder.Record(new TextEvent("main", KeywordAction.None, NewConversation: true), new DateTimeOffset(2026, 11, 26, 23, 59, 0, TimeSpan.Zero));
        recorder.Record(new TextEvent("health", KeywordAction.None, NewConversation: false), new DateTimeOffset(2026, 11, 26, 23, 59, 30, TimeSpan.Zero));
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(
        [
            new UsageCount(day, "conversations", 1),
            new UsageCount(day, "node:health", 1),
            new UsageCount(day, "node:main", 1),
            new UsageCount(day, "texts", 2),
        ], await counter.ReadAsync(day, day));
    }

    [Fact]
    public async Task A_stop_asked_twice_at_once_returns_neither_time_before_what_was_queued_is_written()
    {
        var recorder = new UsageRecorder();
        var counter = new HangingCounter();
        using var writer = new UsageWriter(recorder, counter, NullLogger<UsageWriter>.Instance);
        recorder.Record(new TextEvent("main", KeywordAction.None, NewConversation: true), new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

        var first = writer.StopAsync(CancellationToken.None);
        var second = writer.StopAsync(CancellationToken.None);
        // Returned now, the test host would be disposed with the first stop's write still on its way to the store.
        Assert.False(second.IsCompleted);

        counter.Release();
        await Task.WhenAll(first, second);
        Assert.Equal(1, counter.Calls);
    }

    // Written beside the first reply, the first batch took CPU and the store's write lock that the first text needed
    // (bench/README.md, cold start): it waits for the line's first answer now, and loses no count by it.
    [Fact]
    public async Task Counts_are_written_once_the_line_has_answered_its_first_text_and_every_one_lands()
    {
        // Only the first answer counts, however slow the machine.
        var firstAnswer = new WorkerStartSignal(Timeout.InfiniteTimeSpan);
        var counter = new CounterThatNotesTheFirstAnswer(firstAnswer);
        using var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton(firstAnswer).AddSingleton<IUsageCounter>(counter),
        };
        var day = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        // A count queued before the line has answered anything.
        factory.Services.GetRequiredService<UsageRecorder>().Record(["before:first-answer"], factory.Clock.GetUtcNow());

        await factory.CreateTwilioClient(TestNumbers.Next()).TextAsync("hi");

        await Eventually.TrueAsync(() => counter.Written(day).Count == 4, "the counts written");
        Assert.Equal(
        [
            new UsageCount(day, "before:first-answer", 1),
            new UsageCount(day, "conversations", 1),
            new UsageCount(day, "node:main", 1),
            new UsageCount(day, "texts", 1),
        ], counter.Written(day));
        Assert.False(counter.WroteBeforeTheFirstAnswer, "a batch was written before the line's first answer");
    }

    [Fact]
    public void A_text_is_counted_by_its_event_only()
    {
        Assert.Equal(["texts", "conversations", "node:main"],
            UsageMetrics.Of(new TextEvent("main", KeywordAction.None, NewConversation: true)));
        Assert.Equal(["texts", "keyword:stop"], UsageMetrics.Of(new TextEvent(null, KeywordAction.Stop, false)));
        Assert.Equal(["texts", "node:main", "keyword:language"], UsageMetrics.Of(new TextEvent("main", KeywordAction.Language, false)));
        Assert.Equal(["texts", "node:health"], UsageMetrics.Of(new TextEvent("health", KeywordAction.Back, false)));
        Assert.Empty(UsageMetrics.Of(new TextEvent("main", KeywordAction.None, false, Duplicate: true)));
    }

    private sealed class CounterThatNotesTheFirstAnswer(WorkerStartSignal firstAnswer) : IUsageCounter
    {
        private readonly InMemoryUsageCounter _counts = new();
        private volatile bool _wroteBeforeTheFirstAnswer;

        public bool WroteBeforeTheFirstAnswer => _wroteBeforeTheFirstAnswer;

        public IReadOnlyList<UsageCount> Written(DateOnly day) => _counts.ReadAsync(day, day).GetAwaiter().GetResult();

        public Task IncrementAsync(DateOnly day, IReadOnlyList<string> metrics, CancellationToken cancellationToken = default)
        {
            if (!firstAnswer.FirstAnswered.IsCompleted) _wroteBeforeTheFirstAnswer = true;
            return _counts.IncrementAsync(day, metrics, cancellationToken);
        }

        public Task<IReadOnlyList<UsageCount>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
            _counts.ReadAsync(from, to, cancellationToken);
    }

    private sealed class FailingCounter : IUsageCounter
    {
        public Task IncrementAsync(DateOnly day, IReadOnlyList<string> metrics, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the usage store is down");

        public Task<IReadOnlyList<UsageCount>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the usage store is down");
    }

    private sealed class HangingCounter : IUsageCounter
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void Release() => _release.TrySetResult();

        public Task IncrementAsync(DateOnly day, IReadOnlyList<string> metrics, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return _release.Task;
        }

        public Task<IReadOnlyList<UsageCount>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<UsageCount>>([]);
    }
}
