using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WestmontTextLine.Hosting;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Hosting;

/// <summary>
/// A start the line refuses in one line leaves nothing else on standard error: not the host's "Hosting failed to
/// start", and not the host's report of the background services it cancels as it is disposed. CI once failed on the
/// second: "BackgroundService failed ... TaskCanceledException" with a stack trace after an https address without a
/// certificate (ProcessLimitsTests), on a busy machine, where a worker was still waiting when the host was disposed.
/// </summary>
public sealed class HostStartLogTests
{
    [Fact]
    public async Task Background_services_cancelled_after_a_start_the_line_refuses_are_not_logged_as_failures()
    {
        var logs = await StartRefusedAsync(new StorageUnavailableException("the database cannot be written"));

        Assert.Empty(ErrorsIn(logs));
    }

    [Fact]
    public async Task After_a_start_failure_the_line_does_not_report_the_cancelled_background_service_is_still_logged()
    {
        var logs = await StartRefusedAsync(new InvalidOperationException("a failure the line has no words for"));

        Assert.Contains(ErrorsIn(logs), line => line.Contains("a failure the line has no words for"));
        Assert.Contains(ErrorsIn(logs), line => line.Contains("BackgroundService failed") && line.Contains("TaskCanceledException"));
    }

    [Fact]
    public void Only_a_cancellation_is_left_out_and_only_after_a_start_failure_the_line_reported()
    {
        var logs = new CapturedLogs();
        using var services = LoggingServices(logs);
        var host = services.GetRequiredService<ILoggerFactory>().CreateLogger(HostStartLog.Category);

        host.LogError(new EventId(HostStartLog.BackgroundServiceFaulted), new TaskCanceledException(), "BackgroundService failed (before)");
        host.LogError(new EventId(HostStartLog.HostedServiceStartupFaulted), new StorageUnavailableException("refused"), "Hosting failed to start");
        host.LogError(new EventId(HostStartLog.BackgroundServiceFaulted), new TaskCanceledException(), "BackgroundService failed (cancelled)");
        host.LogCritical(new EventId(HostStartLog.BackgroundServiceStoppingHost), new OperationCanceledException(), "stopping the host (cancelled)");
        host.LogError(new EventId(HostStartLog.BackgroundServiceFaulted), new IOException("disk"), "BackgroundService failed (a real fault)");

        Assert.Collection(logs.Lines,
            line => Assert.Contains("BackgroundService failed (before)", line),
            line => Assert.Contains("BackgroundService failed (a real fault)", line));
    }

    private static IEnumerable<string> ErrorsIn(CapturedLogs logs) =>
        logs.Lines.Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal));

    private static ServiceProvider LoggingServices(CapturedLogs logs)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs));
        HostStartLog.LeaveOutStartFailuresTheLineReports(services);
        return services.BuildServiceProvider();
    }

    // A host with a worker waiting on its stopping token, as the line's are, and a service after it that refuses to start.
    private static async Task<CapturedLogs> StartRefusedAsync(Exception refusal)
    {
        var logs = new CapturedLogs();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddHostedService<WaitsUntilStopped>();
        builder.Services.AddSingleton<IHostedService>(new RefusesToStart(refusal));
        HostStartLog.LeaveOutStartFailuresTheLineReports(builder.Services);
        var host = builder.Build();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
        // The host watches each background service; when one ends other than by a stop it asked for, it logs that
        // (logged or left out) and then stops the application: that stop is the sign the watch has run.
        var watched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = lifetime.ApplicationStopping.Register(() => watched.TrySetResult());
        host.Dispose();
        await watched.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return logs;
    }

    private sealed class WaitsUntilStopped : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(Timeout.Infinite, stoppingToken);
    }

    private sealed class RefusesToStart(Exception refusal) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromException(refusal);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
