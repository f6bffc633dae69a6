using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Storage;

/// <summary>Registers the storage named by Storage:Provider. Each part is built on first use, so an unused provider costs nothing.</summary>
public static class StorageServices
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        // One multiplexer for the whole app, as StackExchange.Redis intends; the container disposes it at shutdown.
        services.AddSingleton<IConnectionMultiplexer>(provider =>
            RedisConnection.Connect(provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        services.AddSingleton<ISessionStore>(SessionStores.Create);
        services.AddSingleton<IUsageCounter>(UsageCounters.Create);
        return services;
    }
}
