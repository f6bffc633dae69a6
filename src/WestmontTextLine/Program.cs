using WestmontTextLine.Cli;
using WestmontTextLine.Console;
using WestmontTextLine.Health;
using WestmontTextLine.Hosting;
using WestmontTextLine.Sms;
using WestmontTextLine.Voice;

if (CliCommand.IsVerb(args)) return await CliCommand.RunAsync(args);

var flows = FlowPreload.Start(args);
StartupWarmup.Start();
// The slim builder skips what the line never uses (IIS, static web assets, hosting-startup scanning) and starts
// faster; HTTPS endpoints in Urls still work.
var builder = WebApplication.CreateSlimBuilder(HostArguments.For(args));
builder.WebHost.UseKestrelHttpsConfiguration();
builder.ListenOnDefaultUnlessConfigured();
builder.AddTextLine(flows);
builder.AddTextLineWeb();
builder.AddConsole();

if (StartupFailure.Build(builder) is not { } app) return StartupFailure.ExitCode;
var startupFailure = StartupFailure.For(app);
try
{
    app.LogTheCleanStop();
    app.CheckSettings();
    app.ClaimTheDatabase();
    var keysCheck = app.StartTheKeysCheck();
    app.UseTextLine();
    app.MapSms();
    app.MapSmsStatus();
    app.MapVoice();
    app.MapHealth();
    app.MapConsole();
    app.WarmUpSms();
    keysCheck.Finish();
    app.Run();
}
catch (Exception ex) when (startupFailure.IsExplained(ex))
{
    return StartupFailure.Report(ex);
}
return 0;

public partial class Program;
