using Microsoft.Extensions.DependencyInjection.Extensions;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Records;

/// <summary>
/// Registers <see cref="IPrivateRecords"/> on the storage named by Storage:Provider, on that provider's shared engine
/// (the one <see cref="SqliteWriter"/>, or the one Redis multiplexer) that AddStorage registers. Built on first use.
/// A host that registered its own store first (the in-memory one for `chat`) keeps it.
/// </summary>
public static class PrivateRecordsServices
{
    public static IServiceCollection AddPrivateRecords(this IServiceCollection services)
    {
        services.TryAddSingleton<IPrivateRecords>(provider => StorageServices.OnProvider<IPrivateRecords>(provider,
            sqlite: writer => new SqlitePrivateRecords(writer),
            redis: redis => new RedisPrivateRecords(redis.Connection)));
        return services;
    }
}
