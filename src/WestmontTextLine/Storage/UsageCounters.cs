using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>Picks the usage counter that goes with the session store named by Storage:Provider.</summary>
public static class UsageCounters
{
    public static IUsageCounter Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (options.Is(StorageOptions.Redis)) return new RedisUsageCounter(services.GetRequiredService<IConnectionMultiplexer>());
        // The SQLite counter is written on another branch; until it lands, only Redis counts.
        throw new NotSupportedException($"No usage counter is built for Storage:Provider '{options.Provider}'.");
    }
}
