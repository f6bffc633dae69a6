using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Handoff;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// A store that does not answer fails every pass of every worker. Each failed pass was a warning of its own ("Outbound
/// pass failed: SqliteException; the outbox is kept" every second, the check-in, handoff and deletion passes every few),
/// and no line said when they worked again. A run of failed passes is now one warning that says what waits, and one
/// when a pass works again.
/// </summary>
public sealed class WorkerPassFaultLogTests
{
    [Fact]
    public async Task A_run_of_failed_passes_is_logged_once_with_what_waits_and_once_when_a_pass_works_again()
    {
        DownableWork? work = null;
        await using var factory = new TextLineFactory
        {
            BackgroundWorkers = false,
            TestServices = services => services.AddSingleton<IScheduledWork>(provider =>
                work = new DownableWork(new SqliteScheduledWork(provider.GetRequiredService<SqliteWriter>()))),
        };
        var checkIns = factory.Services.GetRequiredService<CheckInWorker>();
        var handoff = factory.Services.GetRequiredService<HandoffWorker>();

        work!.Down = true;
        for (var pass = 0; pass < 5; pass++)
        {
            await checkIns.RunPassAsync(CancellationToken.None);
            await handoff.RunPassAsync(CancellationToken.None);
        }

        var checkInLines = Lines(factory, "CheckIns.CheckInWorker:");
        var began = Assert.Single(checkInLines);
        Assert.StartsWith("Warning", began);
        Assert.Contains("Check-in pass failed: IOException; the timers are kept: check-in texts and alerts that fall due wait until a pass works", began);
        Assert.Single(Lines(factory, "Handoff.HandoffWorker:"));

        work.Down = false;
        await checkIns.RunPassAsync(CancellationToken.None);
        await checkIns.RunPassAsync(CancellationToken.None);

        checkInLines = Lines(factory, "CheckIns.CheckInWorker:");
        Assert.Equal(2, checkInLines.Count);
        Assert.StartsWith("Warning", checkInLines[1]);
        Assert.Matches(@"Check-in pass works again: 5 pass\(es\) failed over \d+ s ", checkInLines[1]); // read as people read it, not 00:00:00
    }

    private static List<string> Lines(TextLineFactory factory, string category) =>
        factory.Logs.Lines.Where(line => line.Contains(category, StringComparison.Ordinal) && !line.StartsWith("Information", StringComparison.Ordinal)
            && !line.StartsWith("Debug", StringComparison.Ordinal)).ToList();

    /// <summary>The line's queue on its SQLite file, failing every claim while down, as a locked or lost store does.</summary>
    private sealed class DownableWork(IScheduledWork inner) : ForwardingScheduledWork(inner)
    {
        public volatile bool Down;

        public override Task<IReadOnlyList<ScheduledItem>> ClaimDueAsync(string kind, DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default) =>
            Down ? throw new IOException("database is locked (a test's)") : base.ClaimDueAsync(kind, now, max, lease, cancellationToken);
    }
}
