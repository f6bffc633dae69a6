using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WestmontTextLine.Hosting;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Audit;

/// <summary>The audit log on the line's storage, with its ceiling, its hourly sweep by age and its /healthz line.</summary>
public static class AuditServices
{
    /// <summary>The log alone (the `staff` command and the accounts need no more): its ceiling from Console:AuditMaxEntries.</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.TryAddSingleton<IAuditLog>(provider =>
        {
            var ceiling = provider.GetService<IOptions<ConsoleOptions>>()?.Value.AuditMaxEntries ?? IAuditLog.DefaultCapacity;
            return StorageServices.OnProvider<IAuditLog>(provider,
                sqlite: writer => new SqliteAuditLog(writer, ceiling),
                redis: redis => new RedisAuditLog(redis.Connection, capacity: ceiling));
        });
        return services;
    }

    /// <summary>The sweep by age (Console:AuditKeepFor) and the ceiling's line in /healthz, for the running line.</summary>
    public static IServiceCollection AddAuditRetention(this IServiceCollection services)
    {
        services.AddBackgroundWorker<AuditRetentionWorker>();
        services.AddHealthChecks().AddCheck<AuditLogHealthCheck>(AuditLogHealthCheck.Name);
        services.TryAddSingleton<AuditLogHealthCheck>();
        return services;
    }
}
