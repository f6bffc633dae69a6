using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WestmontTextLine.Hosting;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Hosting;

/// <summary>
/// Another process holds the SQLite file's write lock when the background workers are built (a backup or an operator's
/// <c>sqlite3</c> session in the line's first seconds; they open the stores as they are built). Found by the spool
/// pass: a worker whose build met the lock failed, and the line stopped. A lock is not a bug in the worker: texts get
/// the safety fallback meanwhile, the worker is built again until the store answers, and the line never stops.
/// </summary>
public sealed class StoreLockedAsWorkersStartTests
{
    [Fact]
    public async Task A_worker_built_while_another_process_holds_the_write_lock_is_built_once_it_is_let_go_and_the_line_goes_on()
    {
        await using var factory = new TextLineFactory
        {
            // Only the first answer starts the workers, however slow the machine: they are built under the lock.
            TestServices = services => services.AddSingleton(new WorkerStartSignal(Timeout.InfiniteTimeSpan)),
        };
        var lifetime = factory.Services.GetRequiredService<IHostApplicationLifetime>();
        var workers = factory.Services.GetServices<IHostedService>().OfType<IDeferredWorker>().ToList();
        Assert.DoesNotContain(workers, worker => worker.Built);
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());

        await using (await SqliteFileLocked.TakeAsync(factory.DatabasePath))
        {
            FallbackReply.AssertIsFallback(await twilio.TextAsync("hi"));
            await Eventually.TrueAsync(() => factory.Logs.Lines.Any(line => line.Contains("cannot start yet", StringComparison.Ordinal)),
                "a worker told it waits for its store", within: TimeSpan.FromSeconds(30));
            Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "the line stopped under the lock");
        }

        await Eventually.TrueAsync(() => workers.All(worker => worker.Built), "every worker built once the lock was let go", within: TimeSpan.FromSeconds(30));
        Assert.Contains("Main menu", await twilio.TextAsync("hi"));
        Assert.Contains(factory.Logs.Lines, line => line.Contains("started: its store answers again", StringComparison.Ordinal));
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "the line stopped");
        Assert.DoesNotContain(factory.Logs.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal));
    }
}
