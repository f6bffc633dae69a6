using System.Diagnostics;
using WestmontTextLine.Logging;

namespace WestmontTextLine.Scheduling;

/// <summary>
/// A worker's failed passes, told once a run: the first (and a different fault after it) as a warning that says what
/// waits meanwhile, and the first pass that works again, with how many failed and for how long. A store that does not
/// answer fails every pass (the outbox's, every second): a line each was 60 a minute for one worker, four workers
/// alike, with no line to say when they worked again.
/// </summary>
public sealed partial class PassFaults(ILogger logger, string pass, string whileFailing)
{
    private readonly Lock _gate = new();
    private string? _fault;
    private int _failed;
    private long _since;

    public void Failed(Exception exception)
    {
        // Work run side by side fails as an AggregateException, which names nothing: the fault inside does.
        var fault = (exception is AggregateException { InnerExceptions: [var inner, ..] } ? inner : exception).GetType().Name;
        lock (_gate)
        {
            _failed++;
            if (fault == _fault) return;
            if (_fault is null) _since = Stopwatch.GetTimestamp();
            _fault = fault;
        }
        Began(logger, pass, fault, whileFailing);
    }

    /// <summary>A pass that ran to its end: logs the end of a run of failures, if there was one. A field read otherwise.</summary>
    public void Succeeded()
    {
        if (Volatile.Read(ref _fault) is null) return;
        int failed;
        TimeSpan lasted;
        lock (_gate)
        {
            if (_fault is null) return;
            (failed, lasted) = (_failed, Stopwatch.GetElapsedTime(_since));
            _fault = null;
            _failed = 0;
        }
        Ended(logger, pass, failed, ReadableDuration.Of(lasted));
    }

    [LoggerMessage(1501, LogLevel.Warning, "{Pass} failed: {Fault}; {WhileFailing}. Logged once until a pass works again")]
    private static partial void Began(ILogger logger, string pass, string fault, string whileFailing);

    [LoggerMessage(1502, LogLevel.Warning, "{Pass} works again: {Failed} pass(es) failed over {Lasted}")]
    private static partial void Ended(ILogger logger, string pass, int failed, string lasted);
}
