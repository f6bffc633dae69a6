using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using WestmontTextLine.Conversations;
using WestmontTextLine.Engine;
using WestmontTextLine.Hosting;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Usage;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Bench;

/// <summary>
/// Where a text's time goes past HTTP: the session store alone (SQLite: load then save one session, as every text
/// does), and ConversationService.HandleAsync whole (sender key, rate limit, lock, load, engine, check-in and handoff
/// look-ups, save, usage queue) on the SQLite store against the in-memory one. The service and its parts are the
/// line's own, registered as the line registers them (provider deletion off: no Twilio account is set); only the
/// store, an unlimited rate limit and a usage queue nothing drains are the benchmark's. One caller at a time: no lock
/// contention, unlike under load. 1,000 senders in turn, each text with a new MessageSid, bodies as in the load test.
/// </summary>
[MemoryDiagnoser]
public class Conversation
{
    private static readonly string[] Bodies = ["Hi", "1", "2", "BACK", "3", "1", "MENU", "clinic", "2", "hiv test", "BACK", "4"];
    private const int Senders = 1000;

    [Params("Sqlite", "InMemory")]
    public string Store { get; set; } = "Sqlite";

    private string _folder = null!;
    private IHost _host = null!;
    private ISessionStore _store = null!;
    private ConversationService _service = null!;
    private string[] _from = null!;
    private string[] _keys = null!;
    private Session[] _sessions = null!;
    private int _n;
    private long _saves;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("textline-micro-").FullName;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Repo.Root,
            EnvironmentName = Environments.Production,
        });
        builder.AddTextLine();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TextLine:PrivacyKey"] = "bench-privacy-key-0123456789abcdef",
            ["Storage:Provider"] = StorageOptions.Sqlite,
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_folder, "sessions.db")}",
        });
        _host = builder.Build();
        _store = Store == "Sqlite" ? _host.Services.GetRequiredService<ISessionStore>() : new InMemorySessionStore();
        _service = ActivatorUtilities.CreateInstance<ConversationService>(_host.Services, _store,
            new SenderRateLimiter(TimeProvider.System, 0), new UsageRecorder(), NullLogger<ConversationService>.Instance);
        var keys = _host.Services.GetRequiredService<SenderKeys>();
        _from = Enumerable.Range(0, Senders).Select(i => $"+1630555{i:D4}").ToArray();
        _keys = _from.Select(keys.KeyOf).ToArray();
        // Every sender has a session, as after the load test's warm-up.
        for (var i = 0; i < Senders; i++) _service.HandleAsync(_from[i], Text("Hi", $"SMsetup{i}"), CancellationToken.None).GetAwaiter().GetResult();
        _sessions = _keys.Select(key => _store.LoadAsync(key).GetAwaiter().GetResult()!).ToArray();
    }

    private static InboundText Text(string body, string messageSid) => new(body, messageSid, DateTimeOffset.UtcNow, CarrierOptOut: null);

    [GlobalCleanup]
    public void Cleanup()
    {
        // The save benchmark must have measured saves that succeeded: the versions it tracked are the stored ones.
        if (_saves > 0)
        {
            for (var i = 0; i < Senders; i++)
            {
                var stored = _store.LoadAsync(_keys[i]).GetAwaiter().GetResult()!;
                if (stored.Version != _sessions[i].Version) throw new InvalidOperationException($"sender {i}: a save failed its version check");
            }
        }
        _host.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "Store: load one session")]
    public Task<Session?> Load() => _store.LoadAsync(_keys[_n++ % Senders]);

    [Benchmark(Description = "Store: save one session")]
    public async Task<bool> Save()
    {
        var i = _n++ % Senders;
        var next = _sessions[i] with { LastActivity = _sessions[i].LastActivity.AddSeconds(1) };
        var saved = await _store.SaveAsync(_keys[i], next);
        _sessions[i] = next with { Version = next.Version + 1 };
        _saves++;
        return saved;
    }

    [Benchmark(Description = "Store: load + save one session")]
    public async Task<bool> LoadAndSave()
    {
        var key = _keys[_n++ % Senders];
        var session = await _store.LoadAsync(key);
        return await _store.SaveAsync(key, session! with { LastActivity = session.LastActivity.AddSeconds(1) });
    }

    [Benchmark(Description = "ConversationService.HandleAsync")]
    public Task<ConversationReply> HandleText()
    {
        var i = _n++;
        return _service.HandleAsync(_from[i % Senders], Text(Bodies[i / Senders % Bodies.Length], "SM" + i.ToString("x32")), CancellationToken.None);
    }
}
