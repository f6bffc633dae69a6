using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WestmontTextLine.Health;

/// <summary>
/// One run of the health checks, shared by every /healthz request that arrives while it runs; a request that arrives
/// after it ended starts the next. /healthz is open to anyone (the two-instance nginx in README passes it), and each
/// run writes a probe through the store's writer and reads records kept in the store, so a flood of polls made the
/// store work once for each of them beside texters' saves: measured from outside, 32 connections asking over and
/// over took both cores. A shared run reports the state as of at most one run before the request.
/// </summary>
public sealed class SharedHealthRun(HealthCheckService checks)
{
    private readonly Lock _gate = new();
    private Task<HealthReport>? _running;

    /// <summary>Test-only (null on the line): called for each request once it has a run to wait for, joined or started.</summary>
    internal Action? RunFound { get; set; }

    public Task<HealthReport> ReportAsync()
    {
        var report = JoinOrStart();
        RunFound?.Invoke();
        return report;
    }

    private Task<HealthReport> JoinOrStart()
    {
        lock (_gate)
        {
            if (_running is { IsCompleted: false } running) return running;
            // Not the request's token: one caller hanging up must not cancel the run the others wait for. Each check
            // keeps its own budget (the store's ping gives up after 2 s).
            return _running = Task.Run(() => checks.CheckHealthAsync(CancellationToken.None));
        }
    }
}
