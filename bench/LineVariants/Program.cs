using WestmontTextLine.Console;
using WestmontTextLine.Health;
using WestmontTextLine.Hosting;
using WestmontTextLine.Sessions;
using WestmontTextLine.Sms;
using WestmontTextLine.Storage;
using WestmontTextLine.Usage;

// The line exactly as src/WestmontTextLine/Program.cs builds it, with one part swapped for its in-memory version:
//   BENCH_SESSIONS=memory  sessions in InMemorySessionStore instead of SQLite (usage counts stay on SQLite);
//   BENCH_USAGE=memory     usage counts in InMemoryUsageCounter (sessions stay on SQLite);
//   BENCH_SESSIONS=none    sessions kept nowhere (every text is a first text): the line without session state, to
//                          see what the sessions themselves cost the garbage collector.
// Run it from the repo root, like the line.
var builder = WebApplication.CreateSlimBuilder(HostArguments.For(args));
builder.WebHost.UseKestrelHttpsConfiguration();
builder.AddTextLine();
builder.AddTextLineWeb();
builder.AddConsole();
// The last registration wins.
if (Environment.GetEnvironmentVariable("BENCH_SESSIONS") == "memory") builder.Services.AddSingleton<ISessionStore, InMemorySessionStore>();
if (Environment.GetEnvironmentVariable("BENCH_SESSIONS") == "none") builder.Services.AddSingleton<ISessionStore, NoSessionStore>();
if (Environment.GetEnvironmentVariable("BENCH_USAGE") == "memory") builder.Services.AddSingleton<IUsageCounter, InMemoryUsageCounter>();

var app = builder.Build();
app.UseTextLine();
app.MapSms();
app.MapSmsStatus();
app.MapHealth();
app.MapConsole();
app.Run();

/// <summary>Keeps nothing: every load finds no session, every save succeeds.</summary>
internal sealed class NoSessionStore : ISessionStore
{
    public Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default) => Task.FromResult<Session?>(null);

    public Task<bool> SaveAsync(string senderKey, Session session, DateTimeOffset? notAfter = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(true);

    public Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task PingAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
