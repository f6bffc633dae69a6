using WestmontTextLine.Logging;

namespace WestmontTextLine.Conversations;

/// <summary>
/// A run of texts answered with the fallback because the store failed, told once (<see cref="FaultRun"/>): its first
/// text (and a different fault after it) as an error, and its end, when a text is answered again, as a warning with
/// how many texts got the fallback and for how long. Each text of it is still logged at Information, as each answered
/// text is: a line a text was an error a text, and a store down for a busy minute buried every other line of a
/// journal kept at Warning.
/// </summary>
public sealed class FallbackEpisode : FaultRun
{
    /// <summary>The fault of a full disk, whatever exception tells it (SQLite's, or a file's): one kind, so one line.</summary>
    public const string DiskFull = "disk full";
}
