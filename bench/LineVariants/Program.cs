using WestmontTextLine.Health;
using WestmontTextLine.Hosting;
using WestmontTextLine.Sessions;
using WestmontTextLine.Sms;
using WestmontTextLine.Storage;
using WestmontTextLine.Usage;

// The line exactly as src/WestmontTextLine/Program.cs builds it, with one part swapped for its in-memory version:
//   BENCH_SESSIONS=memory  sessions in InMemorySessionStore instead of SQLite (usage counts stay on SQLite);
//   BENCH_USAGE=memory     usage counts in InMemoryUsageCounter (sessions stay on SQLite), so that no second
//                          connection writes to the database file.
// Run it from the repo root, like the line.
var builder = WebApplication.CreateBuilder(args);
builder.AddTextLine();
// The last registration wins.
if (Environment.GetEnvironmentVariable("BENCH_SESSIONS") == "memory") builder.Services.AddSingleton<ISessionStore, InMemorySessionStore>();
if (Environment.GetEnvironmentVariable("BENCH_USAGE") == "memory") builder.Services.AddSingleton<IUsageCounter, InMemoryUsageCounter>();

var app = builder.Build();
app.UseTextLine();
app.MapSms();
app.MapHealth();
app.Run();
