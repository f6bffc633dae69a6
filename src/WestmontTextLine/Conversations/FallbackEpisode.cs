using System.Diagnostics;

namespace WestmontTextLine.Conversations;

/// <summary>
/// A run of texts answered with the fallback because the store failed, told once: its first text (and a different
/// fault after it) as an error, and its end, when a text is answered again, as a warning with how many texts got
/// the fallback and for how long. Each text of it is still logged at Information, as each answered text is: a line
/// a text was an error a text, and a store down for a busy minute buried every other line of a journal kept at Warning.
/// </summary>
public sealed class FallbackEpisode
{
    /// <summary>The fault of a full disk, whatever exception tells it (SQLite's, or a file's): one kind, so one line.</summary>
    public const string DiskFull = "disk full";

    private readonly Lock _gate = new();
    private string? _fault;
    private int _texts;
    private long _since;

    /// <summary>Counts a text that got the fallback; true when its fault is news (the first of a run, or another kind).</summary>
    public bool Fell(string fault)
    {
        lock (_gate)
        {
            _texts++;
            if (fault == _fault) return false;
            if (_fault is null) _since = Stopwatch.GetTimestamp();
            _fault = fault;
            return true;
        }
    }

    /// <summary>On a text answered again: the run that ended, if one was under way. Costs a field read otherwise.</summary>
    public (int Texts, TimeSpan Lasted)? Answered()
    {
        if (Volatile.Read(ref _fault) is null) return null;
        lock (_gate)
        {
            if (_fault is null) return null;
            var ended = (_texts, Stopwatch.GetElapsedTime(_since));
            _fault = null;
            _texts = 0;
            return ended;
        }
    }
}
