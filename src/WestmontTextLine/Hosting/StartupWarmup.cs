using Microsoft.Data.Sqlite;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Sms;
using WestmontTextLine.Storage;
using WestmontTextLine.Twilio;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Starts loading the flows the moment the app starts, and runs each part of a text's path once on a spare thread
/// (the engine, Stateless, Twilio's validator, TwiML), while the host is still being built. The first real text then
/// finds that work done. Nothing here has an effect outside this process, and no result of it is ever used but the
/// flow, which is validated exactly as before.
/// </summary>
public sealed class StartupWarmup
{
    private readonly string _flowsFolder;
    private readonly Task<FlowLoadResult> _load;

    private StartupWarmup(string flowsFolder)
    {
        _flowsFolder = flowsFolder;
        _load = Task.Run(() => FlowLoader.Load(flowsFolder));
        _ = _load.ContinueWith(loaded => WarmUp(loaded.Result), TaskContinuationOptions.OnlyOnRanToCompletion);
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

    private static void WarmUp(FlowLoadResult loaded)
    {
        if (loaded.Flow is not { } flow) return;
        try
        {
            var line = new TextLine(flow, new TextLineOptions());
            var now = DateTimeOffset.UtcNow;
            var first = line.Handle(null, new InboundText("hi", "SMwarmup1", now));
            var second = line.Handle(first.Session, new InboundText("1", "SMwarmup2", now));
            line.Handle(second.Session, new InboundText("help", "SMwarmup3", now));
            TwiMLResult.Render(second.Reply);
            TwilioSignature.IsValid("warm-up", "http://localhost/sms",
                [new KeyValuePair<string, IReadOnlyList<string>>("Body", ["1"])], "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
            new SenderKeys([1, 2, 3]).KeyOf("+10000000000");
        }
        catch (Exception)
        {
            // A warm-up only saves time; the real path reports its own faults.
        }
    }
}
