using System.Collections.Concurrent;

namespace WestmontTextLine.Console.Inbox;

/// <summary>
/// How often each account went on shift with the button in the last hour, on this instance. Each time writes two audit
/// lines (on, then off), and the log keeps its newest entries: a script pressing the button thousands of times would push
/// everything older out of it. Past <see cref="MaxPerHour"/>, going on shift waits; going off never does, so no one is
/// kept on shift, and texters are never told someone is there when no one is.
/// </summary>
public sealed class ShiftStarts(TimeProvider time)
{
    public const int MaxPerHour = 10;
    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _starts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts a start for the account; false (and not counted) when it already went on shift the most times this hour.</summary>
    public bool TryStart(string staff)
    {
        var now = time.GetUtcNow();
        var starts = _starts.GetOrAdd(staff, _ => new Queue<DateTimeOffset>());
        lock (starts)
        {
            while (starts.Count > 0 && now - starts.Peek() >= Hour) starts.Dequeue();
            if (starts.Count >= MaxPerHour) return false;
            starts.Enqueue(now);
            return true;
        }
    }
}
