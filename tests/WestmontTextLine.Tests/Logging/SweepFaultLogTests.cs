using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Hosting;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// A sweep (retention, the audit log's, the long-shift one) that failed was a warning a sweep, naming the fault's type
/// only, and the retention sweep's type was AggregateException, which says nothing: "Retention sweep failed:
/// AggregateException; will retry at the next sweep", with no line when sweeps worked again. A run of failed sweeps is
/// now told once, with the fault inside, and once when a sweep works again.
/// </summary>
public sealed class SweepFaultLogTests
{
    [Fact]
    public async Task A_run_of_failed_sweeps_is_logged_once_with_the_fault_inside_and_once_when_a_sweep_works_again()
    {
        var logs = new CapturedLogs();
        var sweep = new FailingSweep(logs.CreateLogger("Sweep")) { Failing = true };

        for (var attempt = 0; attempt < 3; attempt++) await sweep.SweepAsync(CancellationToken.None);

        var began = Assert.Single(logs.Lines);
        Assert.StartsWith("Warning", began);
        Assert.Contains("Test sweep failed: IOException", began);

        sweep.Failing = false;
        await sweep.SweepAsync(CancellationToken.None);
        await sweep.SweepAsync(CancellationToken.None);

        Assert.Equal(2, logs.Lines.Count);
        Assert.Matches(@"Test sweep works again: 3 pass\(es\) failed over \d+ s ", logs.Lines.Last()); // read as people read it, not 00:00:00
    }

    /// <summary>Fails the way the retention sweep does when its purges fail together: an AggregateException around the store's fault.</summary>
    private sealed class FailingSweep(ILogger logger) : PeriodicSweep(new FakeTimeProvider(), logger)
    {
        public bool Failing { get; set; }

        public override TimeSpan SweepInterval => TimeSpan.FromMinutes(1);

        protected override string Name => "Test sweep";

        protected override Task SweepOnceAsync(CancellationToken cancellationToken) =>
            Failing ? Task.FromException(new AggregateException(new IOException("database is locked (a test's)"))) : Task.CompletedTask;
    }
}
