namespace WestmontTextLine.Storage;

/// <summary>
/// What /healthz says for a day after the store was found to have lost the line's data (<see cref="RedisDataMarker"/>):
/// texters are answered again, but what was kept before (opt-outs, check-in timers, chats with staff) may be gone.
/// </summary>
public sealed class StoreDataLoss(TimeProvider time)
{
    public static readonly TimeSpan ReportedFor = TimeSpan.FromDays(1);

    private (DateTimeOffset At, string What)? _last;

    /// <summary>Told of each loss found, after /healthz says it (the console renews its cookie keys then).</summary>
    public event Action? Lost;

    public void Found(string what)
    {
        lock (this) _last = (time.GetUtcNow(), what);
        Lost?.Invoke();
    }

    /// <summary>A loss to report that took nothing of the console's sign-in keys (an older SQLite copy put back: they live beside it).</summary>
    public void Noted(string what)
    {
        lock (this) _last = (time.GetUtcNow(), what);
    }

    /// <summary>The last loss found in the past day, for /healthz; null when none.</summary>
    public string? Report
    {
        get
        {
            (DateTimeOffset At, string What)? last;
            lock (this) last = _last;
            return last is { } found && time.GetUtcNow() - found.At < ReportedFor
                ? $"{found.What} (found {found.At:yyyy-MM-dd HH:mm} UTC; see the log)"
                : null;
        }
    }
}
