using System.Diagnostics;

namespace WestmontTextLine.Logging;

/// <summary>
/// A run of failures of one kind of work (texts answered with the fallback, a worker's passes, usage counts), so that
/// its reader logs it once: its first failure (and a different fault after it), then its end, with how many failed in
/// all and for how long. The reader keeps its own words and levels; this only counts. A store that does not answer
/// fails every text, pass or batch: a line each buried every other line of a journal kept at Warning.
/// </summary>
public class FaultRun
{
    private readonly Lock _gate = new();
    private string? _fault;
    private int _failed;
    private long _since;

    /// <summary>Counts what failed (<paramref name="count"/> of them); true when its fault is news (the first of a run, or another kind).</summary>
    public bool Failed(string fault, int count = 1)
    {
        lock (_gate)
        {
            _failed += count;
            if (fault == _fault) return false;
            if (_fault is null) _since = Stopwatch.GetTimestamp();
            _fault = fault;
            return true;
        }
    }

    /// <summary>On work that succeeded: the run that ended (how many failed, for how long), if one was under way. A field read otherwise.</summary>
    public (int Failed, TimeSpan Lasted)? Ended()
    {
        if (Volatile.Read(ref _fault) is null) return null;
        lock (_gate)
        {
            if (_fault is null) return null;
            var ended = (_failed, Stopwatch.GetElapsedTime(_since));
            _fault = null;
            _failed = 0;
            return ended;
        }
    }
}
