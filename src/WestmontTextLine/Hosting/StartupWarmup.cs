using Microsoft.Data.Sqlite;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Starts loading the flows the moment the app starts, and on a second thread loads SQLite and the framework parts
/// that mapping an endpoint needs, while the host is still being built. Nothing here has an effect outside this
/// process, and no result of it is ever used but the flow, which is validated exactly as before. The rest of a
/// text's path is warmed once the endpoints are mapped (SmsEndpointWarmup).
/// </summary>
public sealed class StartupWarmup
{
    private readonly string _flowsFolder;
    private readonly Task<FlowLoadResult> _load;

    private StartupWarmup(string flowsFolder)
    {
        _flowsFolder = flowsFolder;
        _load = Task.Run(() => FlowLoader.Load(flowsFolder));
        _ = Task.Run(() =>
        {
            WarmUpSqlite();
            WarmUpEndpointMapping();
        });
    }

    public static StartupWarmup Start(string flowsFolder) => new(Path.GetFullPath(flowsFolder));

    /// <summary>
    /// Starts before the host is built, so it can only guess the flows folder: the usual one, unless the environment
    /// or the command line names another. A wrong guess costs nothing but the early start.
    /// </summary>
    public static StartupWarmup Start(string[] args)
    {
        var named = Environment.GetEnvironmentVariable("TextLine__FlowsPath");
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i].TrimStart('-', '/') is "TextLine:FlowsPath") named = args[i + 1];
        }
        return Start(AppRoot.Find(Directory.GetCurrentDirectory()).Resolve(named ?? "flows"));
    }

    /// <summary>The loaded flow, when the folder is the one preloaded (settings may change it later); else loads it now.</summary>
    public FlowLoadResult LoadFlows(string flowsFolder) =>
        Path.GetFullPath(flowsFolder) == _flowsFolder ? _load.GetAwaiter().GetResult() : FlowLoader.Load(flowsFolder);

    // Loads SQLite's native library and compiles the store's code on a private in-memory database.
    private static void WarmUpSqlite()
    {
        try
        {
            var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            using var commands = new SqliteSessionCommands(connection);
            using (var transaction = connection.BeginTransaction())
            {
                commands.Save("warm-up", new Session("main", "en", DateTimeOffset.UtcNow), transaction);
                transaction.Commit();
            }
            commands.Load("warm-up");
        }
        catch (Exception)
        {
            // As above: only time is at stake.
        }
    }

    // Mapping any minimal-API endpoint builds the default JSON options, and with them a JavaScript encoder.
    private static void WarmUpEndpointMapping() => _ = new Microsoft.AspNetCore.Http.Json.JsonOptions();
}
