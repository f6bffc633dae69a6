using WestmontTextLine.Sessions;

namespace WestmontTextLine.Usage;

/// <summary>
/// Drains the UsageRecorder's queue into the IUsageCounter, a batch at a time. A storage fault loses that batch's
/// counts and is logged (the fault only: counts carry no personal data, and neither does the log).
/// </summary>
public sealed class UsageWriter(UsageRecorder recorder, IUsageCounter counter, ILogger<UsageWriter> logger) : BackgroundService
{
    public const int MaxBatch = 1_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await recorder.Reader.WaitToReadAsync(stoppingToken)) await WriteBatchAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // What was queued before the stop still counts.
        while (recorder.Reader.TryPeek(out _)) await WriteBatchAsync();
    }

    // A batch taken off the queue is written whole, even during a stop: it is a few quick upserts.
    private async Task WriteBatchAsync()
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
                await counter.IncrementAsync(day, metrics, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogWarning("Usage counts lost: {Count} counts for {Day}: {Fault}: {FaultMessage}",
                    metrics.Count, day, ex.GetType().Name, ex.Message);
            }
        }
        var dropped = recorder.TakeDropped();
        if (dropped > 0) logger.LogWarning("Usage counts lost: {Dropped} texts not counted (the queue was full)", dropped);
    }
}
