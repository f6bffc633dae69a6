using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Two instances of the line on one real redis-server, texting through one fake provider. The provider's clock is the
/// second instance's (both clocks start at one moment), so that it still reads the line's time when a test has killed
/// or stopped the first and moves only the second. A test may dispose of the first early; the rest goes on dispose.
/// </summary>
public sealed class TwoInstancesOnOneRedis : IAsyncDisposable
{
    private TwoInstancesOnOneRedis(RedisServer redis, FakeTwilioApi fake, CheckInLine first, CheckInLine other) =>
        (Redis, Fake, First, Other) = (redis, fake, first, other);

    public RedisServer Redis { get; }
    public FakeTwilioApi Fake { get; }

    /// <summary>The instance a test kills or stops.</summary>
    public CheckInLine First { get; }

    /// <summary>The instance that carries on.</summary>
    public CheckInLine Other { get; }

    public static async Task<TwoInstancesOnOneRedis> StartAsync(Action<IServiceCollection>? firstServices = null,
        Action<IServiceCollection>? otherServices = null)
    {
        var redis = RedisServer.Start();
        FakeTwilioApi? fake = null;
        CheckInLine? first = null;
        try
        {
            fake = await ProviderTextLine.StartFakeAsync();
            first = await CheckInLine.StartAsync(new RedisTextLineFactory(redis.ConnectionString) { TestServices = firstServices }, fake: fake);
            var other = await CheckInLine.StartAsync(new RedisTextLineFactory(redis.ConnectionString) { TestServices = otherServices }, fake: fake);
            fake.Clock = other.Factory.Clock;
            return new TwoInstancesOnOneRedis(redis, fake, first, other);
        }
        catch
        {
            if (first is not null) await first.DisposeAsync();
            if (fake is not null) await fake.DisposeAsync();
            redis.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync(); // a second dispose of a line does nothing
        await Other.DisposeAsync();
        await Fake.DisposeAsync();
        Redis.Dispose();
    }
}
