using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WestmontTextLine.Hosting;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Scheduling;

/// <summary>
/// What a stopped copy had claimed is made due by a change queued with the SQLite writer as the restarted line's host
/// starts, and the start does not wait for it: waiting sent the host's start on asynchronously and had the JIT compile
/// its async machinery on the way to the first answer (cold start). The writer applies changes in the order they are
/// queued, so any claim queued after the start finds the item due. ClaimedBeforeRestartTests shows the workers' first
/// passes take it.
/// </summary>
public sealed class LeasesOfAStoppedCopyTests
{
    private const string Kind = "stopped-copy-test";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_host_starts_without_waiting_for_the_writer_and_the_next_claim_finds_the_stopped_copys_item_due()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-leases-{Guid.NewGuid():N}.db");
        try
        {
            DateTimeOffset claimedAt;
            await using (var stopped = new TextLineFactory { DatabasePath = database, KeepDatabase = true })
            {
                var work = stopped.Services.GetRequiredService<IScheduledWork>();
                claimedAt = stopped.Clock.GetUtcNow();
                await work.ScheduleAsync(Kind, "claimed", claimedAt);
                Assert.Single(await work.ClaimDueAsync(Kind, claimedAt, 10, Lease));
            }

            WriterHeld? held = null;
            await using var restarted = new TextLineFactory
            {
                DatabasePath = database,
                KeepDatabase = true,
                TestServices = services =>
                {
                    services.AddSingleton(new WorkerStartSignal(Timeout.InfiniteTimeSpan));
                    // First of the hosted services: the writer is busy before the leases' change is queued.
                    services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(provider => held = new WriterHeld(provider)));
                },
            };
            restarted.Clock.SetUtcNow(claimedAt + TimeSpan.FromSeconds(5));

            var restartedWork = await Task.Run(() => restarted.Services.GetRequiredService<IScheduledWork>());
            Assert.NotNull(held);
            Assert.DoesNotContain(restarted.Logs.Lines, line => line.Contains("could not be made due now", StringComparison.Ordinal));

            held.Release.Set();
            Assert.Single(await restartedWork.ClaimDueAsync(Kind, restarted.Clock.GetUtcNow(), 10, Lease));
            Assert.DoesNotContain(restarted.Logs.Lines, line => line.Contains("could not be made due now", StringComparison.Ordinal));
            // Said once the change is done, by a continuation rather than an async method (cold start).
            await Eventually.TrueAsync(() => restarted.Logs.Lines.Any(line =>
                line.Contains("1 item(s) the line's last run had claimed and not finished are due now", StringComparison.Ordinal)), "the leases' ending told");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            SqliteFiles.Delete(database);
        }
    }

    /// <summary>Keeps the SQLite writer inside one change until released, from the host's start on.</summary>
    private sealed class WriterHeld(IServiceProvider services) : IHostedService
    {
        public ManualResetEventSlim Release { get; } = new();

        public Task StartAsync(CancellationToken cancellationToken)
        {
            // Built first, so that preparing its tables does not wait on the held writer.
            services.GetRequiredService<IScheduledWork>();
            _ = services.GetRequiredService<SqliteWriter>().WriteAsync(new HeldUntil(Release));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Release.Set();
            return Task.CompletedTask;
        }
    }

    private sealed class HeldUntil(ManualResetEventSlim release) : ISqliteWrite
    {
        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            release.Wait();
            return 0;
        }
    }
}
