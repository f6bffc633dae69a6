using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A check-in line on SQLite or on its own redis-server, with a test's fault in front of one of its parts (its records,
/// its outbox): a write that fails once, where the test wants it.
/// </summary>
public sealed class FaultyCheckInLine : IAsyncDisposable
{
    private readonly RedisServer? _redis;

    private FaultyCheckInLine(RedisServer? redis) => _redis = redis;

    public CheckInLine Line { get; private set; } = null!;

    /// <param name="settings">Settings of the line, by configuration key (a rate limit).</param>
    public static async Task<FaultyCheckInLine> StartAsync(bool onRedis, Action<IServiceCollection> fault,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var faulty = new FaultyCheckInLine(onRedis ? RedisServer.Start() : null);
        try
        {
            var factory = faulty._redis is null
                ? new TextLineFactory { TestServices = fault }
                : new RedisTextLineFactory(faulty._redis.ConnectionString) { TestServices = fault };
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) factory.Settings[key] = value;
            faulty.Line = await CheckInLine.StartAsync(factory);
            return faulty;
        }
        catch
        {
            faulty._redis?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Line is not null) await Line.DisposeAsync();
        _redis?.Dispose();
    }
}
