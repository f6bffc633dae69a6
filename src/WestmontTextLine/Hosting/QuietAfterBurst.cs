namespace WestmontTextLine.Hosting;

/// <summary>
/// Tells, from how much the line allocated in each interval, when a burst of work is over: the first quiet interval
/// after at least one busy one. Once a burst, so a quiet line, or one with a text now and then, is never told.
/// </summary>
/// <param name="busyBytes">Allocated in one interval, at or above this the line is busy.</param>
public sealed class QuietAfterBurst(long busyBytes)
{
    private long? _lastTotal;
    private bool _burst;

    /// <summary>Takes the total allocated so far; true when this interval is the first quiet one after a burst.</summary>
    public bool Observe(long totalAllocatedBytes)
    {
        var allocated = totalAllocatedBytes - (_lastTotal ?? totalAllocatedBytes);
        _lastTotal = totalAllocatedBytes;
        if (allocated >= busyBytes)
        {
            _burst = true;
            return false;
        }
        var over = _burst;
        _burst = false;
        return over;
    }
}
