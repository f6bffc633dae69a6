using System.Globalization;
using WestmontTextLine.Hosting;
using WestmontTextLine.Logging;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Usage;

/// <summary>
/// Drains the UsageRecorder's queue into the IUsageCounter, a batch at a time. A storage fault loses that batch's
/// counts, logged once a run of them (<see cref="FaultRun"/>): when counts start being lost, and when they are stored
/// again, with how many were lost in all (the fault only: counts carry no personal data, and neither does the log).
/// A line a failed batch was one a second while the store was down. Texts the full queue dropped are said the same way.
/// It writes at most once per FlushInterval: on SQLite every write takes the file's write lock, which the texts'
/// session writes are waiting for, so fewer, larger batches keep the texters' replies fast.
/// </summary>
/// <param name="firstAnswer">The host's: the first batch waits for the line's first answer. Without one (the tests' own writers), at once.</param>
public sealed partial class UsageWriter(UsageRecorder recorder, IUsageCounter counter, ILogger<UsageWriter> logger, WorkerStartSignal? firstAnswer = null)
    : BackgroundService
{
    public const int MaxBatch = UsageRecorder.Capacity;
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Written beside the first reply, the first batch had the JIT compile about 30 methods and took the store's
            // write lock while the first text needed both (bench/README.md). Nothing is lost by waiting: a stop before
            // then still writes what is queued.
            if (firstAnswer is not null) await firstAnswer.FirstAnsweredOrDue(stoppingToken);
            while (await recorder.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteBatchAsync(CancellationToken.None);
                await Task.Delay(FlushInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private readonly StopOnce _stop = new();
    private readonly FaultRun _lost = new();
    private readonly FaultRun _dropped = new();

    /// <summary>Once, every stop waiting for it (<see cref="StopOnce"/>): a second stop found the queue emptied by the first and returned while it was still written.</summary>
    public override Task StopAsync(CancellationToken cancellationToken) => _stop.Run(() => StopAndWriteWhatIsQueuedAsync(cancellationToken));

    private async Task StopAndWriteWhatIsQueuedAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // What was queued before the stop still counts. This runs after ExecuteAsync has ended, or when a quick
        // stop cancelled it before it ever ran.
        while (!cancellationToken.IsCancellationRequested && recorder.Reader.TryPeek(out _)) await WriteBatchAsync(cancellationToken);
    }

    /// <param name="giveUp">Only a stopping host gives up on a batch: a store that hangs must not hang the shutdown.</param>
    private async Task WriteBatchAsync(CancellationToken giveUp)
    {
        var byDay = new Dictionary<DateOnly, List<string>>();
        for (var taken = 0; taken < MaxBatch && recorder.Reader.TryRead(out var tally); taken++)
        {
            if (!byDay.TryGetValue(tally.Day, out var metrics)) byDay[tally.Day] = metrics = [];
            metrics.AddRange(tally.Metrics);
        }
        foreach (var (day, metrics) in byDay)
        {
            try
            {
                await counter.IncrementAsync(day, metrics, giveUp).WaitAsync(giveUp);
                if (_lost.Ended() is { } ended) StoredAgain(logger, ended.Failed, ReadableDuration.Of(ended.Lasted));
            }
            catch (Exception ex)
            {
                // Why in the line's words: the store's own message named the counter's key, and went on for 240 characters.
                if (_lost.Failed(ex.GetType().Name, metrics.Count))
                {
                    Lost(logger, metrics.Count, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StoreFault.Describe(ex));
                }
            }
        }
        NoteDropped(recorder.TakeDropped());
    }

    /// <summary>Texts the full queue dropped since the last batch: said once a run of such batches, and when a batch drops none again.</summary>
    private void NoteDropped(long dropped)
    {
        if (dropped == 0)
        {
            if (_dropped.Ended() is { } ended) CountedAgain(logger, ended.Failed, ReadableDuration.Of(ended.Lasted));
            return;
        }
        if (_dropped.Failed("queue full", (int)Math.Min(dropped, int.MaxValue))) Dropped(logger, dropped);
    }

    [LoggerMessage(1601, LogLevel.Warning, "Usage counts lost: {Count} counts for {Day} were not stored: {Why}. Logged once until counts are stored again")]
    private static partial void Lost(ILogger logger, int count, string day, string why);

    [LoggerMessage(1602, LogLevel.Warning, "Usage counts are stored again: {Lost} count(s) were lost over {Lasted}")]
    private static partial void StoredAgain(ILogger logger, int lost, string lasted);

    [LoggerMessage(1603, LogLevel.Warning, "Usage counts lost: {Dropped} texts not counted (the queue was full). Logged once until every text is counted again")]
    private static partial void Dropped(ILogger logger, long dropped);

    [LoggerMessage(1604, LogLevel.Warning, "Usage counts: every text is counted again; {Dropped} text(s) were not counted (the queue was full) over {Lasted}")]
    private static partial void CountedAgain(ILogger logger, int dropped, string lasted);
}
