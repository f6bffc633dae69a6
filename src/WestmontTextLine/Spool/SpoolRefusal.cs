using WestmontTextLine.Storage;

namespace WestmontTextLine.Spool;

/// <summary>
/// Why a spool did not keep a line, as the log says it: a full spool waits on the store, a full disk on space freed,
/// and "the spool is full or the disk refused it" left the operator to guess which.
/// </summary>
public sealed record SpoolRefusal(string Why)
{
    public static readonly SpoolRefusal SpoolFull = new("the spool is full");

    public static SpoolRefusal DiskRefused(Exception failure) =>
        new(DiskFull.Is(failure) ? "the disk is full" : $"the disk refused it ({failure.GetType().Name})");

    public override string ToString() => Why;
}
