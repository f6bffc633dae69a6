using WestmontTextLine.Console;
using WestmontTextLine.Health;
using WestmontTextLine.Hosting;
using WestmontTextLine.Sessions;
using WestmontTextLine.Sms;
using WestmontTextLine.Storage;
using WestmontTextLine.Usage;

// The line exactly as src/WestmontTextLine/Program.cs builds it, with one part swapped for its in-memory version:
//   BENCH_SESSIONS=memory  sessions in InMemorySessionStore instead of SQLite (usage counts stay on SQLite);
//   BENCH_USAGE=memory     usage counts in InMemoryUsageCounter (sessions stay on SQLite).
// Run it from the repo root, like the line.
var builder = WebApplication.CreateSlimBuilder(HostArguments.For(args));
builder.WebHost.UseKestrelHttpsConfiguration();
builder.AddTextLine();
builder.AddTextLineWeb();
builder.AddConsole();
// The last registration wins.
if (Environment.GetEnvironmentVariable("BENCH_SESSIONS") == "memory") builder.Services.AddSingleton<ISessionStore, InMemorySessionStore>();
if (Environment.GetEnvironmentVariable("BENCH_USAGE") == "memory") builder.Services.AddSingleton<IUsageCounter, InMemoryUsageCounter>();

var app = builder.Build();
app.UseTextLine();
app.MapSms();
app.MapSmsStatus();
app.MapHealth();
app.MapConsole();
app.Run();
