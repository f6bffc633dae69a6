using System.Threading.Channels;
using WestmontTextLine.Engine;
using WestmontTextLine.Sessions;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Usage;

/// <summary>
/// Takes a text's anonymous facts off the reply path: Record only puts them on a bounded queue, which the
/// UsageWriter drains in the background. When the queue is full the count is dropped: a lost count is better than
/// a late reply.
/// </summary>
public sealed class UsageRecorder
{
    public const int Capacity = 50_000;

    private readonly Channel<UsageTally> _queue;
    private readonly LineClock? _clock;
    private long _dropped;

    /// <param name="clock">Days are counted in the line's time zone; without a clock (the start-up warm-up), in UTC.</param>
    public UsageRecorder(LineClock? clock = null)
    {
        _clock = clock;
        _queue = Channel.CreateBounded<UsageTally>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite },
            _ => Interlocked.Increment(ref _dropped));
    }

    public ChannelReader<UsageTally> Reader => _queue.Reader;

    /// <summary>Counts one text. Never blocks and never throws: it runs on the reply path.</summary>
    public void Record(TextEvent textEvent, DateTimeOffset receivedAt)
    {
        try
        {
            var metrics = UsageMetrics.Of(textEvent);
            if (metrics.Count == 0) return;
            _queue.Writer.TryWrite(new UsageTally(DayOf(receivedAt), metrics));
        }
        catch (Exception)
        {
            // Nothing here may fail a reply; the writer reports the loss.
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Counts anonymous metrics of another kind (a delivery status). Never blocks and never throws.</summary>
    public void Record(IReadOnlyList<string> metrics, DateTimeOffset at)
    {
        if (metrics.Count == 0) return;
        if (!_queue.Writer.TryWrite(new UsageTally(DayOf(at), metrics))) Interlocked.Increment(ref _dropped);
    }

    private DateOnly DayOf(DateTimeOffset moment) => _clock?.DayOf(moment) ?? DateOnly.FromDateTime(moment.UtcDateTime);

    /// <summary>How many texts went uncounted since the last call.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);
}

/// <summary>The metrics one text is counted under, on its day (UTC).</summary>
public sealed record UsageTally(DateOnly Day, IReadOnlyList<string> Metrics);
