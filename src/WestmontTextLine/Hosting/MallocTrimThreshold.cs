namespace WestmontTextLine.Hosting;

/// <summary>
/// How much free memory malloc keeps at the top of an arena. SQLite's statement journal (held in memory, as
/// <c>temp_store=MEMORY</c> asks) takes blocks for every page a statement of the writer's transaction changes and
/// frees them all when the statement ends; at glibc's default of 128 KB each free gave those pages back to the kernel
/// and the next statement grew the heap again and faulted them back in: glibc's <c>sysmalloc</c> was the largest single
/// frame under load (bench/README.md, "What changed", 2026-12-07 05:25 UTC). At 1 MB the load test grows a heap 119
/// times in a run instead of 4,007; the idle give-back's <c>malloc_trim</c> still hands everything back after a burst.
/// </summary>
public static class MallocTrimThreshold
{
    public const int Bytes = 1024 * 1024;

    public static void Apply() => GlibcMalloc.SetTrimThreshold(Bytes);
}
