using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Settings;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Scheduling;

/// <summary>AddScheduling puts the queue on the configured provider's shared engine, as AddStorage does the sessions.</summary>
[Collection(RedisCollection.Name)]
public sealed class SchedulingServicesTests(RedisServerFixture redis) : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-work-di-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task On_sqlite_the_queue_writes_through_the_one_shared_writer()
    {
        await using var services = Services(StorageOptions.Sqlite, $"Data Source={_path}").BuildServiceProvider();

        var work = services.GetRequiredService<IScheduledWork>();
        await work.ScheduleAsync(WorkKinds.Delete, "SM0001", DateTimeOffset.UnixEpoch);

        Assert.IsType<SqliteScheduledWork>(work);
        Assert.Same(work, services.GetRequiredService<IScheduledWork>());
        await using var reopened = new SqliteScheduledWork(services.GetRequiredService<SqliteWriter>());
        Assert.Equal(1, await reopened.CountAsync(WorkKinds.Delete));
    }

    [Fact]
    public void On_redis_the_queue_uses_the_shared_connection()
    {
        using var services = Services(StorageOptions.Redis, redis.Server.ConnectionString).BuildServiceProvider();

        Assert.IsType<RedisScheduledWork>(services.GetRequiredService<IScheduledWork>());
    }

    [Fact]
    public void A_queue_registered_before_is_kept()
    {
        var inMemory = new InMemoryScheduledWork();
        using var services = Services(StorageOptions.Sqlite, $"Data Source={_path}", before: inMemory).BuildServiceProvider();

        Assert.Same(inMemory, services.GetRequiredService<IScheduledWork>());
    }

    private static ServiceCollection Services(string provider, string connectionString, IScheduledWork? before = null)
    {
        var services = new ServiceCollection();
        if (before is not null) services.AddSingleton(before);
        services.AddLogging();
        services.AddSingleton(new AppRoot(Path.GetTempPath()));
        services.Configure<StorageOptions>(options =>
        {
            options.Provider = provider;
            options.ConnectionString = connectionString;
        });
        services.AddStorage().AddScheduling();
        return services;
    }

    public void Dispose() => SqliteFiles.Delete(_path);
}
