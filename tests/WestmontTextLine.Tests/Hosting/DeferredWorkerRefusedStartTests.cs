using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WestmontTextLine.Hosting;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Hosting;

/// <summary>
/// A deferred worker (<see cref="StartsAfterFirstAnswer{TWorker}"/>) in a host that refuses to start. On a loaded
/// machine the refused line was still exiting when the workers' 2 s fallback came: each worker was built on the disposed
/// services, or started and cancelled under it, and each was logged at Critical with a stack trace ("The background
/// worker ProviderDeletionWorker failed; the line stops.") after the line's one line (ProcessLimitsTests, an https
/// address without a certificate, 3 in 3 refused starts under load). Here the fallback is at once, so the worker is due
/// while the host is still starting.
/// </summary>
public sealed class DeferredWorkerRefusedStartTests
{
    [Fact]
    public async Task A_host_that_refuses_to_start_never_builds_its_deferred_workers_and_logs_no_failure_of_theirs()
    {
        var logs = new CapturedLogs();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddSingleton(new WorkerStartSignal(TimeSpan.Zero));
        builder.Services.AddBackgroundWorker<WaitsUntilStopped>();
        builder.Services.AddSingleton<IHostedService, RefusesToStart>();
        var host = builder.Build();
        var deferred = host.Services.GetServices<IHostedService>().OfType<IDeferredWorker>().Single();

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        host.Dispose();

        Assert.False(deferred.Built, "the worker was built in a host that did not start");
        Assert.DoesNotContain(logs.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_host_that_starts_builds_its_deferred_worker_once_it_has_started()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(new WorkerStartSignal(TimeSpan.Zero));
        builder.Services.AddBackgroundWorker<WaitsUntilStopped>();
        using var host = builder.Build();
        var deferred = host.Services.GetServices<IHostedService>().OfType<IDeferredWorker>().Single();

        await host.StartAsync();
        await Eventually.TrueAsync(() => deferred.Built, "the worker built");
        await host.StopAsync();
    }

    private sealed class WaitsUntilStopped : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(Timeout.Infinite, stoppingToken);
    }

    private sealed class RefusesToStart : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromException(new InvalidOperationException("refused"));

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
