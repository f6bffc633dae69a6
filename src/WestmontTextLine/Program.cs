using WestmontTextLine.Cli;
using WestmontTextLine.Health;
using WestmontTextLine.Hosting;
using WestmontTextLine.Sms;

if (CliCommand.IsVerb(args)) return await CliCommand.RunAsync(args);

var warmup = StartupWarmup.Start(args);
var builder = WebApplication.CreateBuilder(HostArguments.For(args));
builder.AddTextLine(warmup);

var app = builder.Build();
app.UseTextLine();
app.MapSms();
app.MapHealth();
app.Run();
return 0;

public partial class Program;
