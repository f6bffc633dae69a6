using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// A fake clock that also notes the due time of each timer made on it with one, in the order they were made: a wait
/// (Polly's delay before a retry) shows as a timer of its length, which a test reads instead of timing the wait. A timer
/// made idle and set later (a CancellationTokenSource's, as Polly's timeouts make them) is not noted.
/// </summary>
public sealed class TimerRecordingClock : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    public IReadOnlyList<TimeSpan> DueTimes => [.. _dueTimes];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan) _dueTimes.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
