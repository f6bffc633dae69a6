using WestmontTextLine.Hosting;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Cli;

/// <summary>
/// The verbs run on a plain host with the server's own parts (AddTextLine) and settings: the same flows, engine,
/// storage and configuration sources, but no web server.
/// </summary>
public static class CliHost
{
    public static IHost Build(CliArguments arguments, string contentRoot, Action<IServiceCollection>? configureServices)
    {
        // `dotnet run` names the environment in ASPNETCORE_ENVIRONMENT (launchSettings.json), as the server reads it.
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables("ASPNETCORE_");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = HostArguments.For([.. arguments.ConfigurationArgs]),
            ContentRootPath = contentRoot,
            Configuration = configuration,
        });
        // The terminal is the verbs' output: only warnings and errors are logged, and to standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter((_, _, level) => level >= LogLevel.Warning);

        builder.AddTextLine();
        builder.Services.AddSingleton<IHostLifetime, PlainLifetime>();
        configureServices?.Invoke(builder.Services);
        try
        {
            var host = builder.Build();
            // The log levels are read when the logger factory is made: a wrong one is found here, and named.
            host.Services.GetRequiredService<ILoggerFactory>();
            return host;
        }
        catch (Exception ex) when (LogLevelSettings.IsUnreadable(ex))
        {
            throw new InvalidOperationException(LogLevelSettings.Explain(builder.Configuration, ex), ex);
        }
    }

    /// <summary>
    /// The default console lifetime catches Ctrl-C to stop the host gracefully, which would leave `chat` waiting on
    /// its input; without it, Ctrl-C ends a verb at once, as in any other command.
    /// </summary>
    private sealed class PlainLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
