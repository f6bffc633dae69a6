using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WestmontTextLine.Engine;
using WestmontTextLine.Hosting;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>Picks the session store named by Storage:Provider.</summary>
public static class SessionStores
{
    public static ISessionStore Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (options.Is(StorageOptions.Sqlite))
        {
            return new SqliteSessionStore(
                SqliteConnectionStrings.Resolve(options.ConnectionString, services.GetRequiredService<AppRoot>().Path),
                services.GetRequiredService<ILoggerFactory>().CreateLogger<SqliteSessionStore>());
        }
        if (options.Is(StorageOptions.Redis))
        {
            return new RedisSessionStore(services.GetRequiredService<IConnectionMultiplexer>(),
                services.GetRequiredService<IOptions<TextLineOptions>>().Value.Retention);
        }
        throw StorageOptions.UnknownProvider(options.Provider);
    }
}
