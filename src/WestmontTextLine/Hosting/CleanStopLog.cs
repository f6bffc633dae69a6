using System.Diagnostics;
using WestmontTextLine.Logging;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Says in the log when a stop (SIGTERM, a restart, a deploy) has finished: the background workers stopped (usage
/// counts written, claimed work given back, held opt-outs given their last try) and the store closed (SQLite's session
/// log folded, the file and its lock let go). The framework says only "Application is shutting down..." as a stop
/// begins, so an operator could not tell a stop that finished from one the service manager cut short with SIGKILL.
/// <para>
/// The container disposes its singletons in the reverse order it built them: this one is built before the store
/// (<see cref="CleanStopLogExtensions.LogTheCleanStop"/>, first thing after the build), so it is disposed after the
/// store is closed, and before the logger factory it writes with, which was built before it.
/// </para>
/// </summary>
public sealed partial class CleanStopLog : IDisposable
{
    private readonly ILogger<CleanStopLog> _logger;
    private long _stopping;
    private volatile bool _stopped;

    public CleanStopLog(IHostApplicationLifetime lifetime, ILogger<CleanStopLog> logger)
    {
        _logger = logger;
        lifetime.ApplicationStopping.Register(() => Interlocked.CompareExchange(ref _stopping, Stopwatch.GetTimestamp(), 0));
        lifetime.ApplicationStopped.Register(() => _stopped = true);
    }

    public void Dispose()
    {
        // A start that failed never stopped: it says so itself, on standard error.
        if (!_stopped) return;
        Stopped(_logger, ReadableDuration.Of(Stopwatch.GetElapsedTime(Interlocked.Read(ref _stopping))));
    }

    [LoggerMessage(1, LogLevel.Information, "The line stopped cleanly in {Duration}: its background work ended and its store is closed")]
    private static partial void Stopped(ILogger logger, string duration);
}

public static class CleanStopLogExtensions
{
    /// <summary>Builds <see cref="CleanStopLog"/> before anything opens the store, so the container closes the store first.</summary>
    public static WebApplication LogTheCleanStop(this WebApplication app)
    {
        app.Services.GetRequiredService<CleanStopLog>();
        return app;
    }
}
