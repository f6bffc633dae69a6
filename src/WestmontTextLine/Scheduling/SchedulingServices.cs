using Microsoft.Extensions.DependencyInjection.Extensions;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Scheduling;

/// <summary>
/// Registers <see cref="IScheduledWork"/> on the storage named by Storage:Provider, on that provider's shared engine
/// (the one <see cref="SqliteWriter"/>, or the one Redis multiplexer) that AddStorage registers. Built on first use.
/// A host that registered its own queue first (the in-memory one for `chat`) keeps it. Beside it, the
/// <see cref="IWorkLog"/> of answered texts to delete at the provider: a table of its own on SQLite, the queue itself
/// elsewhere.
/// </summary>
public static class SchedulingServices
{
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.TryAddSingleton<IScheduledWork>(provider => StorageServices.OnProvider<IScheduledWork>(provider,
            sqlite: writer => new SqliteScheduledWork(writer),
            redis: redis => new RedisScheduledWork(redis.Connection)));
        services.TryAddSingleton<IWorkLog>(provider => provider.GetRequiredService<IScheduledWork>() is SqliteScheduledWork
            ? new SqliteWorkLog(provider.GetRequiredService<SqliteWriter>(), WorkKinds.Delete)
            : new ScheduledWorkLog(provider.GetRequiredService<IScheduledWork>(), WorkKinds.Delete));
        return services;
    }
}
