using WestmontTextLine.Health;
using WestmontTextLine.Hosting;
using WestmontTextLine.Sessions;
using WestmontTextLine.Sms;
using WestmontTextLine.Storage;

// The line exactly as src/WestmontTextLine/Program.cs builds it, except that the session store is the in-memory
// one (the usage counter stays on SQLite, as configured). Run it from the repo root, like the line.
var builder = WebApplication.CreateBuilder(args);
builder.AddTextLine();
builder.Services.AddSingleton<ISessionStore, InMemorySessionStore>(); // the last registration wins

var app = builder.Build();
app.UseTextLine();
app.MapSms();
app.MapHealth();
app.Run();
