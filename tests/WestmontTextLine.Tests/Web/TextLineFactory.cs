using WestmontTextLine.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Conversations;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// The real app on a test server, with a known auth token, a temporary SQLite file and a fake clock.
/// Requests are signed for http://localhost/sms, the URL the test server presents.
/// </summary>
public class TextLineFactory : WebApplicationFactory<Program>
{
    public const string AuthToken = "test-auth-token-0123456789abcdef";
    public const string BaseAddress = "http://localhost";

    public string DatabasePath { get; init; } = Path.Combine(Path.GetTempPath(), $"textline-test-{Guid.NewGuid():N}.db");

    /// <summary>
    /// Keeps the database file when disposed, so a second host can open it: the dispose returns once the host has let
    /// go of the file.
    /// </summary>
    public bool KeepDatabase { get; init; }

    /// <summary>
    /// Where the instance notes what it saw of Redis (<see cref="WestmontTextLine.Storage.RedisCopyMark"/>): a folder of
    /// its own, not the repo's data/; kept with the database, so a second host on the same Redis reads it.
    /// </summary>
    public string MarkFolder { get; init; } = Path.Combine(Path.GetTempPath(), $"textline-test-marks-{Guid.NewGuid():N}");

    /// <summary>Development unless a test needs what Production does differently (secure cookies, HTTPS only).</summary>
    public string Environment { get; init; } = "Development";
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    public Dictionary<string, string?> Settings { get; } = [];
    public CapturedLogs Logs { get; } = new();

    /// <summary>
    /// Waits until the background workers are built (just after the first answer). A test that deletes or replaces the
    /// database file after that point needs them built first: one built after it opens the path as it then is.
    /// </summary>
    public Task WorkersBuiltAsync() =>
        Eventually.TrueAsync(() => Services.GetServices<IHostedService>().OfType<IDeferredWorker>().All(worker => worker.Built), "the background workers built");

    /// <summary>
    /// False: the workers that run on their own timers (provider deletion, the outbox, check-ins, retention) are not
    /// started, and the test runs their passes itself, one at a time, with no race against the fake clock.
    /// </summary>
    public bool BackgroundWorkers { get; set; } = true;

    /// <summary>
    /// How long storage may take over a text before the fallback; the line's own 3 s when null. On a loaded machine a
    /// host's first text can take longer, and a test that is not about the budget then sees the fallback instead.
    /// </summary>
    public TimeSpan? StorageBudget { get; set; }

    /// <summary>
    /// False: the session log is never folded into the sessions table. A fold (of texts 5 s old) frees the log's pages, so
    /// a test that fills the database to its page limit (<see cref="DatabasePageLimit"/>) and asserts the full disk
    /// seconds later could find room again (tried: 7 s after the fill, the next new texter was answered).
    /// </summary>
    public bool FoldsSessionLog { get; init; } = true;

    /// <summary>Service changes a test needs (for example a store that fails on demand), applied last.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Twilio:AuthToken", AuthToken);
        builder.UseSetting("Storage:Provider", "Sqlite");
        builder.UseSetting("Storage:ConnectionString", $"Data Source={DatabasePath}");
        builder.UseSetting("TextLine:PrivacyKey", "test-privacy-key");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services => services.AddSingleton(provider =>
            new WestmontTextLine.Storage.RedisCopyMark(MarkFolder, provider.GetRequiredService<ILogger<WestmontTextLine.Storage.RedisCopyMark>>())));
        if (StorageBudget is { } budget) builder.ConfigureTestServices(services => services.AddSingleton(new ConversationBudget(budget)));
        if (!FoldsSessionLog)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<WestmontTextLine.Sessions.ISessionStore>(provider =>
                new WestmontTextLine.Storage.SqliteSessionStore(
                    provider.GetRequiredService<WestmontTextLine.Storage.SqliteWriter>(), WestmontTextLine.Storage.SqliteSessionLogOptions.NeverFolds)));
        }
        if (TestServices is not null) builder.ConfigureTestServices(TestServices);
        if (!BackgroundWorkers)
        {
            builder.ConfigureTestServices(services =>
            {
                foreach (var worker in services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && d.ImplementationFactory is not null).ToList())
                {
                    services.Remove(worker);
                }
            });
        }
    }

    public TwilioClient CreateTwilioClient(string from = "+16305550100") => new(CreateClient(), from);

    /// <summary>The keyed hash the line keeps her session and spooled opt-outs under.</summary>
    public string SenderKeyOf(string number) => Services.GetRequiredService<WestmontTextLine.Senders.SenderKeys>().KeyOf(number);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        if (KeepDatabase)
        {
            // Program's own Run disposes the host too as it stops (on its own thread here), and whichever comes second
            // returns at once: the factory's dispose then came back while the host still closed its writer, before it
            // let go of the file's claim (14 of 20 disposals, for up to 151 ms), and on a loaded machine the next host
            // on the file gave up waiting for it ("another copy of the line is already running").
            SqliteFiles.WaitUntilUnclaimed(DatabasePath);
            return;
        }
        SqliteFiles.Delete(DatabasePath);
        if (Directory.Exists(MarkFolder)) Directory.Delete(MarkFolder, recursive: true);
    }
}
