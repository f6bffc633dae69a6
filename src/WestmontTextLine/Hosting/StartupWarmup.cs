using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Hosting;

/// <summary>
/// While the host is being built, loads SQLite's native library and compiles the store's code on a private in-memory
/// database, and builds what mapping an endpoint needs, on a spare thread. Nothing here has an effect outside this
/// process and no result of it is used. The rest of a text's path is warmed once the endpoints are mapped
/// (SmsEndpointWarmup).
/// </summary>
public static class StartupWarmup
{
    public static void Start() => _ = Task.Run(() =>
    {
        WarmUpSqlite();
        WarmUpEndpointMapping();
    });

    private static void WarmUpSqlite()
    {
        try
        {
            using var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            using var rows = new SqliteSessionRows(connection);
            using var logRows = new SqliteSessionLogRows(connection);
            var log = new SqliteSessionLog(rows, logRows);
            log.Replay();
            using (var transaction = connection.BeginTransaction())
            {
                log.TryAppend("warm-up", new Session("main", "en", DateTimeOffset.UtcNow), appendedAt: 0);
                transaction.Commit();
            }
            rows.Load("warm-up");
        }
        catch (Exception)
        {
            // Only time is at stake.
        }
    }

    // Mapping any minimal-API endpoint builds the default JSON options, and with them a JavaScript encoder.
    private static void WarmUpEndpointMapping() => _ = new Microsoft.AspNetCore.Http.Json.JsonOptions();
}
