namespace WestmontTextLine.Hosting;

/// <summary>
/// Hands back to the host what a burst of texts left committed and unused: a full, compacting collection that
/// decommits the GC's free space (<see cref="GCCollectionMode.Aggressive"/>, the large-object heap included), then
/// glibc's free pages. Blocking, tens of milliseconds on a loaded heap: for a line that has gone quiet only.
/// </summary>
public static class MemoryGiveBack
{
    public static void Now()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GlibcMalloc.Trim();
    }
}
