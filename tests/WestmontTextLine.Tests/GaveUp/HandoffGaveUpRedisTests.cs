using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// A line with staff chats on its own real redis-server, which a test freezes (SIGSTOP) for 3 seconds at one chosen step
/// (<see cref="PauseRedisOnce"/>). These tests are about what a text or a close that gave up while Redis hung leaves
/// behind once it runs again: the text sent as Redis freezes runs on the line's own storage budget, her texts before and
/// after it on the tests' long one, so that a loaded machine does not give them the fallback.
/// </summary>
public abstract class HandoffGaveUpRedisTests : IAsyncLifetime
{
    protected HandoffGaveUpRedisTests() => Pause = new PauseRedisOnce(Redis);

    protected RedisServer Redis { get; } = RedisServer.Start();

    protected PauseRedisOnce Pause { get; }

    protected HandoffLine Line { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Line = await HandoffLine.StartAsync(new RedisTextLineFactory(Redis.ConnectionString)
        {
            TestServices = services =>
            {
                Pause.Install(services);
                MoreServices(services);
            },
        });

    /// <summary>What a test class adds to the line, after the pausing stores.</summary>
    protected virtual void MoreServices(IServiceCollection services)
    {
    }

    public async Task DisposeAsync()
    {
        await Pause.ResumedAsync();
        await Line.DisposeAsync();
        Redis.Dispose();
    }
}
