using System.Reflection;
using System.Runtime;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Holds the GC's collections off from the start of <c>Main</c> to the line's first answer (or the workers' fallback
/// delay, whichever comes first), as a no-GC region. The start allocates about 10 MB before its first answer (the
/// flows' reading, checks and build 6.7 MB of it), and the GC's small first gen0 budget made that three collections
/// on the way, each stopping every thread: 17-53 ms of pauses a start on a loaded 2-core host, none in the bare
/// endpoint's start (bench/README.md). What the start leaves is collected by the first collection after.
/// </summary>
public static class CollectionsHeldAtStart
{
    /// <summary>
    /// Three times what the start allocates by its first answer. A start that allocates more ends the hold itself,
    /// with a collection, as the runtime does for any no-GC region that outgrows its size.
    /// </summary>
    public const long Budget = 32L * 1024 * 1024;

    /// <summary>
    /// Holds collections off when the line is its own process; a test host shares the GC with every other test, and
    /// the region's start (a full collection) would cost each of them.
    /// </summary>
    public static void BeginInItsOwnProcess()
    {
        if (Assembly.GetEntryAssembly() == typeof(CollectionsHeldAtStart).Assembly) Begin();
    }

    /// <summary>True when collections are now held off; false when the runtime refused (already held, or a size it cannot give).</summary>
    public static bool Begin()
    {
        try
        {
            return GC.TryStartNoGCRegion(Budget);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>Lets collections run again once <paramref name="due"/> completes.</summary>
    public static void EndWhen(Task due) => due.ContinueWith(static _ => End(), TaskScheduler.Default);

    public static void End()
    {
        if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return;
        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // A collection has already ended it (the start outgrew the budget): nothing is held any more.
        }
    }
}

public static class CollectionsHeldAtStartExtensions
{
    /// <summary>Collections run again at the first answer, or the workers' fallback delay, or the stop.</summary>
    public static WebApplication EndTheCollectionsHoldAtFirstAnswer(this WebApplication app)
    {
        CollectionsHeldAtStart.EndWhen(
            app.Services.GetRequiredService<WorkerStartSignal>().FirstAnsweredOrDue(app.Lifetime.ApplicationStopping));
        return app;
    }
}
