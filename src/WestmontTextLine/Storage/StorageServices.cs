using Microsoft.Extensions.Options;
using WestmontTextLine.Senders;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Storage;

/// <summary>
/// Registers the storage named by Storage:Provider. Each provider's engine is shared by everything kept there: one
/// <see cref="SqliteWriter"/> for the SQLite file, one <see cref="RedisEngine"/> for Redis. Each part is
/// built on first use, so an unused provider costs nothing; no method a line on SQLite runs names a StackExchange.Redis
/// type, so that line never loads the Redis client (the Redis branches are lambdas or methods of their own).
/// </summary>
public static class StorageServices
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            var connectionString = SqliteConnectionString(provider);
            // The operator tools open the file without the line's claim: `staff add` on a new line creates it.
            if (SqliteFileWatch.PathOf(connectionString) is { } database) OwnerOnlyDatabaseFile.CreateIfNew(database);
            return new SqliteWriter(connectionString, provider.GetRequiredService<ILogger<SqliteWriter>>());
        });
        services.AddSingleton(provider => SqliteSingleLine.Take(SqliteConnectionString(provider)));
        // One multiplexer for the whole app, as StackExchange.Redis intends; the container disposes it at shutdown.
        services.AddSingleton(provider => new RedisEngine(RedisConnection.Connect(Options(provider).ConnectionString,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisConnection).FullName!))));

        services.AddSingleton<ISessionStore>(provider => OnProvider<ISessionStore>(provider,
            sqlite: writer => new SqliteSessionStore(writer),
            redis: redis => new RedisSessionStore(redis.Connection, provider.GetRequiredService<IOptions<TextLineOptions>>().Value.Retention)));
        services.AddSingleton<IUsageCounter>(provider => OnProvider<IUsageCounter>(provider,
            sqlite: writer => new SqliteUsageCounter(writer),
            redis: redis => new RedisUsageCounter(redis.Connection)));
        services.AddSingleton<StoreDataLoss>();
        services.AddSingleton<SqliteCopyMark>();
        services.AddSingleton<RestoredCopy>();
        services.AddSingleton(provider => new RedisCopyMark(provider.GetRequiredService<AppRoot>().Resolve("data"),
            provider.GetRequiredService<ILogger<RedisCopyMark>>()));
        services.AddSingleton(provider => new RedisDataMarker(RedisEngine.Of(provider),
            provider.GetRequiredService<StoreDataLoss>(), provider.GetRequiredService<ILogger<RedisDataMarker>>(),
            mark: provider.GetRequiredService<RedisCopyMark>(), time: provider.GetRequiredService<TimeProvider>()));
        // Several instances share Redis, so a sender's texts take a lock there too; on SQLite there is one instance.
        services.AddSingleton<ISharedSenderLocks>(provider => Options(provider).Is(StorageOptions.Redis)
            ? RedisSenderLocks(provider)
            : NoSharedSenderLocks.Instance);
        return services;
    }

    private static ISharedSenderLocks RedisSenderLocks(IServiceProvider provider) =>
        new RedisSenderLocks(RedisEngine.Of(provider), provider.GetRequiredService<ILogger<RedisSenderLocks>>());

    private static string SqliteConnectionString(IServiceProvider provider) =>
        SqliteConnectionStrings.Resolve(Options(provider).ConnectionString, provider.GetRequiredService<AppRoot>().Path);

    /// <summary>The part built on the configured provider's shared engine.</summary>
    public static T OnProvider<T>(IServiceProvider provider, Func<SqliteWriter, T> sqlite, Func<RedisEngine, T> redis)
    {
        var options = Options(provider);
        if (options.Is(StorageOptions.Sqlite)) return sqlite(provider.GetRequiredService<SqliteWriter>());
        if (options.Is(StorageOptions.Redis)) return redis(provider.GetRequiredService<RedisEngine>());
        throw StorageOptions.UnknownProvider(options.Provider);
    }

    private static StorageOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<StorageOptions>>().Value;
}
