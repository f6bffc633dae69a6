using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WestmontTextLine.Hosting;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Storage;

/// <summary>Picks the usage counter that lives beside the session store named by Storage:Provider.</summary>
public static class UsageCounters
{
    public static IUsageCounter Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (options.Is(StorageOptions.Sqlite))
        {
            return new SqliteUsageCounter(
                SqliteConnectionStrings.Resolve(options.ConnectionString, services.GetRequiredService<AppRoot>().Path),
                services.GetRequiredService<ISessionStore>() as SqliteSessionStore);
        }
        if (options.Is(StorageOptions.Redis)) return new RedisUsageCounter(services.GetRequiredService<IConnectionMultiplexer>());
        throw StorageOptions.UnknownProvider(options.Provider);
    }
}
