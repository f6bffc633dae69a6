using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A check-in line, on SQLite or on its own redis-server, whose texters' sessions someone else can save first
/// (<see cref="SessionSavedMeanwhile"/>): the line then runs her text again on the fresh session. The version-conflict
/// tests' one set-up.
/// </summary>
public sealed class VersionConflictLine : IAsyncDisposable
{
    private readonly RedisServer? _redis;
    private SessionSavedMeanwhile? _sessions;

    private VersionConflictLine(RedisServer? redis) => _redis = redis;

    public CheckInLine Line { get; private set; } = null!;

    /// <summary>The line's session store, whose next saves a test makes lose their version check. Opened by the first text.</summary>
    public SessionSavedMeanwhile Sessions =>
        _sessions ?? throw new InvalidOperationException("The line has not opened its session store yet: text it first.");

    public static async Task<VersionConflictLine> StartAsync(bool onRedis = false, bool staff = false)
    {
        var conflicts = new VersionConflictLine(onRedis ? RedisServer.Start() : null);
        try
        {
            var register = SessionSavedMeanwhile.Register(made => conflicts._sessions = made);
            conflicts.Line = await CheckInLine.StartAsync(conflicts._redis is null
                ? new TextLineFactory { TestServices = register }
                : new RedisTextLineFactory(conflicts._redis.ConnectionString) { TestServices = register }, staff);
            return conflicts;
        }
        catch
        {
            conflicts._redis?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Line is not null) await Line.DisposeAsync();
        _redis?.Dispose();
    }
}
