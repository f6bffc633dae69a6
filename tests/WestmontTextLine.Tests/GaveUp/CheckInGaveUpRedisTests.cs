using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// A line with check-ins on its own real redis-server, which a test freezes (SIGSTOP) for 3 seconds at one chosen step
/// (<see cref="PauseRedisOnce"/>). The text sent as Redis freezes runs on the line's own storage budget (its frozen step
/// fails on Redis's own 1.5 s command timeout, well inside the line's 3 s), her texts before and after it on the tests'
/// long one: they must not get the fallback because a loaded machine is slow.
/// </summary>
public abstract class CheckInGaveUpRedisTests : IAsyncLifetime
{
    protected CheckInGaveUpRedisTests() => Pause = new PauseRedisOnce(Redis);

    protected RedisServer Redis { get; } = RedisServer.Start();

    protected PauseRedisOnce Pause { get; }

    protected CheckInLine Line { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Line = await CheckInLine.StartAsync(new RedisTextLineFactory(Redis.ConnectionString) { TestServices = Pause.Install });

    public async Task DisposeAsync()
    {
        await Pause.ResumedAsync();
        await Line.DisposeAsync();
        Redis.Dispose();
    }
}
