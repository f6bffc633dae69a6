using WestmontTextLine.Storage;

namespace WestmontTextLine.Spool;

/// <summary>
/// Why a spool did not keep a line, as the log says it: a full spool waits on the store, a full disk on space freed,
/// and "the spool is full or the disk refused it" left the operator to guess which. <see cref="Until"/> says what lets
/// what waits in memory meanwhile reach the disk.
/// </summary>
public sealed record SpoolRefusal(string Why, string Until)
{
    public static readonly SpoolRefusal SpoolFull = new("the spool is full", "the store answers");

    public static SpoolRefusal DiskRefused(Exception failure) => DiskFull.Is(failure)
        ? new("the disk is full", "the disk has room")
        : new($"the disk refused it ({failure.GetType().Name})", "the disk takes it");

    /// <summary>What an item the file refused still has, in the log's words.</summary>
    public string HeldInMemory => $"held in memory only until {Until} (lost if the line restarts first)";

    public override string ToString() => Why;
}
