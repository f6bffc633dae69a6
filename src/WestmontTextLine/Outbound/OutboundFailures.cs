namespace WestmontTextLine.Outbound;

/// <summary>Outbound texts given up in the last day, in this instance, for /healthz; stats has them all.</summary>
public sealed class OutboundFailures(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);
    private readonly Queue<DateTimeOffset> _failures = new();

    public void Add(DateTimeOffset at)
    {
        lock (_failures) _failures.Enqueue(at);
    }

    public int InLastDay()
    {
        var since = time.GetUtcNow() - Window;
        lock (_failures)
        {
            while (_failures.TryPeek(out var oldest) && oldest < since) _failures.Dequeue();
            return _failures.Count;
        }
    }
}
