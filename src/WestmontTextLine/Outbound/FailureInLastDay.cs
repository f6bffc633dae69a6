namespace WestmontTextLine.Outbound;

/// <summary>
/// The last failure of one kind reported in the last day (its error code and when), for /healthz and the log: noted by
/// each failure, cleared by a success that proves it over. Per instance, as the reports reach it.
/// </summary>
public sealed class FailureInLastDay(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    private readonly Lock _gate = new();
    private (int? Code, DateTimeOffset At)? _last;

    /// <summary>Notes a failure; true when it is new (none in the last day, or another code), so it is logged once, not once a text.</summary>
    public bool Note(int? code)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var first = _last is not { } last || now - last.At >= Window || last.Code != code;
            _last = (code, now);
            return first;
        }
    }

    public void Clear()
    {
        lock (_gate) _last = null;
    }

    /// <summary>The last failure, if it was in the last day.</summary>
    public (int? Code, DateTimeOffset At)? Last
    {
        get
        {
            lock (_gate) return _last is { } last && time.GetUtcNow() - last.At < Window ? last : null;
        }
    }
}
