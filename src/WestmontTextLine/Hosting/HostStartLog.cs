using Microsoft.Extensions.Options;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Kestrel finds an address already in use, or an https address without a certificate, only while the host starts.
/// The host then logs "Hosting failed to start" at Error with the exception's stack trace (about 25 lines), and the
/// line reports the same failure in one line (<see cref="StartupFailure"/>). This leaves out that one entry, and only
/// for a failure the line reports itself: the host's other entries (a background service that fails, say) and every
/// other failure to start are logged as before. After such a failure the host, which never started, disposes the
/// background services it had started, and that cancels them; the host logs a cancellation it did not ask for itself
/// as a background service that failed, with its stack trace (events 9 and 10; seen once in about 25 refused starts on
/// a busy machine). Those two are left out too, after a failure the line reported and only for a cancellation. Log filter rules cannot say this: they select by category and level,
/// and the host logs a failing background service under the same category and level.
/// </summary>
public static class HostStartLog
{
    /// <summary>The host's category, and its event for a hosted service that failed to start.</summary>
    public const string Category = "Microsoft.Extensions.Hosting.Internal.Host";
    public const int HostedServiceStartupFaulted = 11;
    public const int BackgroundServiceFaulted = 9;
    public const int BackgroundServiceStoppingHost = 10;

    /// <summary>Wraps the framework's logger factory; a factory someone else registered is left as it is.</summary>
    public static void LeaveOutStartFailuresTheLineReports(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory) && !d.IsKeyedService);
        if (registered?.ImplementationType != typeof(LoggerFactory)) return;
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new Factory(new LoggerFactory(
            provider.GetServices<ILoggerProvider>(),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>(),
            provider.GetService<IExternalScopeProvider>())));
    }

    private sealed class Factory(ILoggerFactory inner) : ILoggerFactory
    {
        private readonly StartFailure _startFailure = new();

        public ILogger CreateLogger(string categoryName) =>
            categoryName == Category ? new HostLogger(inner.CreateLogger(categoryName), _startFailure) : inner.CreateLogger(categoryName);

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class StartFailure
    {
        public volatile bool Reported;
    }

    private sealed class HostLogger(ILogger inner, StartFailure startFailure) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == HostedServiceStartupFaulted && exception is not null && StartupFailure.Explains(exception))
            {
                startFailure.Reported = true;
                return;
            }
            if (startFailure.Reported && eventId.Id is BackgroundServiceFaulted or BackgroundServiceStoppingHost
                && exception is OperationCanceledException) return;
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
