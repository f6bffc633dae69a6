using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;
using WestmontTextLine.Console;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Sms;
using WestmontTextLine.Storage;
using WestmontTextLine.Twilio;

namespace WestmontTextLine.Hosting;

/// <summary>
/// While the host is being built, on a spare thread: registers the console's framework services in a throwaway
/// collection, loads SQLite's native library and compiles the store's code on a private in-memory database, builds
/// what mapping an endpoint needs, and runs once the one-time set-up that settings checks and the first reply meet
/// (URI and address parsing, staffed hours, HMAC, the TwiML writer). The start's own thread then finds that code
/// compiled. Nothing here has an effect outside this process and no result of it is used. The rest of a text's path
/// is warmed once the endpoints are mapped (SmsEndpointWarmup).
/// </summary>
public static class StartupWarmup
{
    public static void Start() => _ = Task.Run(() =>
    {
        Try(WarmUpConsoleRegistrations);
        Try(WarmUpSqlite);
        Try(WarmUpEndpointMapping);
        Try(WarmUpReplySetUp);
    });

    private static void Try(Action warmUp)
    {
        try
        {
            warmUp();
        }
        catch (Exception)
        {
            // Only time is at stake.
        }
    }

    private static void WarmUpConsoleRegistrations() => ConsoleServices.AddConsoleFramework(new ServiceCollection(), production: true);

    private static void WarmUpReplySetUp()
    {
        _ = new TwilioApiOptions().Validate();
        _ = TrustedProxies.IsLoopbackUrl("http://127.0.0.1:5000");
        _ = StaffedHours.Parse(StaffedHours.Example, out _);
        _ = TwilioSignature.Sign("warm-up", "https://localhost/sms", []);
        _ = TwiMLResult.RenderBytes("warm-up");
    }

    private static void WarmUpSqlite()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var rows = new SqliteSessionRows(connection);
        using var logRows = new SqliteSessionLogRows(connection);
        var log = new SqliteSessionLog(rows, logRows);
        log.Replay();
        using (var transaction = connection.BeginTransaction())
        {
            log.TryAppend("warm-up", new Session("main", "en", DateTimeOffset.UtcNow));
            transaction.Commit();
        }
        rows.Load("warm-up");
    }

    // Mapping any minimal-API endpoint builds the default JSON options, and with them a JavaScript encoder.
    private static void WarmUpEndpointMapping() => _ = new Microsoft.AspNetCore.Http.Json.JsonOptions();
}
