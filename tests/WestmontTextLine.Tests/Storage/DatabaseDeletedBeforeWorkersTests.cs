using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WestmontTextLine.Hosting;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The database deleted in the first seconds, before the first text and before the background workers are built (they
/// open the stores as they are). Seen from outside: the first text's stores and the workers opened the path anew and
/// made a new, empty database there; the text got a 500 (no answer at all) and the workers failed on its missing
/// tables and stopped the line. As for a file deleted later, the line now goes on: texts get the safety fallback,
/// /healthz says what happened, and nothing is made at the path.
/// </summary>
public sealed class DatabaseDeletedBeforeWorkersTests
{
    [Fact]
    public async Task Texts_get_the_fallback_no_empty_database_is_made_and_the_line_does_not_stop()
    {
        await using var factory = new TextLineFactory
        {
            // Only the first answer starts the workers, however slow the machine: they are built after the delete.
            TestServices = services => services.AddSingleton(new WorkerStartSignal(Timeout.InfiniteTimeSpan)),
        };
        var lifetime = factory.Services.GetRequiredService<IHostApplicationLifetime>();
        var workers = factory.Services.GetServices<IHostedService>().OfType<IDeferredWorker>().ToList();
        Assert.DoesNotContain(workers, worker => worker.Built);

        SqliteFiles.Delete(factory.DatabasePath);
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        FallbackReply.AssertIsFallback(await twilio.TextAsync("hi"));

        // Each worker is built, or says in the log that it cannot start.
        await Eventually.TrueAsync(() => workers.Count(worker => worker.Built) + factory.Logs.Lines.Count(line => line.Contains("cannot start", StringComparison.Ordinal)) >= workers.Count,
            "every worker built or given up", within: TimeSpan.FromSeconds(30));
        Assert.Contains(factory.Logs.Lines, line => line.Contains($"cannot start: the database file {factory.DatabasePath} was deleted or moved while open", StringComparison.Ordinal));
        FallbackReply.AssertIsFallback(await twilio.TextAsync("3"));
        var health = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains($"Unhealthy: the database file {Path.GetFileName(factory.DatabasePath)} was deleted or moved while open", await health.Content.ReadAsStringAsync());

        Assert.False(File.Exists(factory.DatabasePath), "a new database was made at the deleted one's path");
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "the line stopped");
        Assert.DoesNotContain(factory.Logs.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal));
    }
}
