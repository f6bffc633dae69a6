namespace WestmontTextLine.Conversations;

/// <summary>
/// At most N texts per sender per minute (fixed window). Limited per sender, not per address: every text arrives
/// from Twilio's addresses. Windows that have ended are swept, so the table holds only recent senders.
/// </summary>
public sealed class SenderRateLimiter(TimeProvider time, int textsPerMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public int TrackedSenders
    {
        get { lock (_windows) return _windows.Count; }
    }

    public bool TryAcquire(string senderKey)
    {
        if (textsPerMinute <= 0) return true;
        var now = time.GetUtcNow();
        lock (_windows)
        {
            SweepIfDue(now);
            if (!_windows.TryGetValue(senderKey, out var window) || now - window.Start >= Window) window = (now, 0);
            if (window.Count >= textsPerMinute)
            {
                _windows[senderKey] = window;
                return false;
            }
            _windows[senderKey] = (window.Start, window.Count + 1);
            return true;
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep) return;
        _nextSweep = now + Window;
        foreach (var (key, window) in _windows)
        {
            if (now - window.Start >= Window) _windows.Remove(key);
        }
    }
}
