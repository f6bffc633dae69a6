using System.Collections.Concurrent;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// The check-in's waits (the time she asked for, then the grace) as this instance measured them on the elapsed-time
/// clock, which no step of the machine's clock moves. Timers are kept by the wall clock, since they must outlive a
/// restart and be shared by instances; a wall clock stepped forward (NTP after a drift, an operator, a host restored
/// from a snapshot) would then bring the check-in text, or the alert to her contact, before the time she asked for or
/// the grace had run. A step back only makes them late. After a restart, or on another instance, the wall clock alone
/// decides.
/// </summary>
public sealed class CheckInElapsed(TimeProvider time)
{
    /// <summary>
    /// Less than this left is nothing: the wait is measured from just after the wall-clock time it was set by (the
    /// storage write between them), and a timer must not lose a pass (5 seconds) to that.
    /// </summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Wait> _waits = new(StringComparer.Ordinal);

    /// <summary>A wait of this length for this stage of her timer begins now.</summary>
    public void Started(string texterKey, CheckInTimer timer, TimeSpan length) =>
        _waits[texterKey] = new Wait(timer, time.GetTimestamp(), length);

    /// <summary>What is left of this stage's wait by the elapsed-time clock: zero once it has run, or when this instance did not see it begin.</summary>
    public TimeSpan Remaining(string texterKey, CheckInTimer timer)
    {
        if (!_waits.TryGetValue(texterKey, out var wait) || wait.Timer != timer) return TimeSpan.Zero;
        var left = wait.Length - time.GetElapsedTime(wait.StartedAt);
        return left > Slack ? left : TimeSpan.Zero;
    }

    /// <summary>Forgets the waits that have run (her OK, STOP or FORGET end a timer without the worker seeing it).</summary>
    public void ForgetRun()
    {
        foreach (var entry in _waits)
        {
            if (time.GetElapsedTime(entry.Value.StartedAt) >= entry.Value.Length) _waits.TryRemove(entry);
        }
    }

    private sealed record Wait(CheckInTimer Timer, long StartedAt, TimeSpan Length);
}
