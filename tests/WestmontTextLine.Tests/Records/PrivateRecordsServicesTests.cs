using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Records;
using WestmontTextLine.Settings;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Records;

/// <summary>AddPrivateRecords puts the store on the configured provider's shared engine, as AddStorage does the sessions.</summary>
[Collection(RedisCollection.Name)]
public sealed class PrivateRecordsServicesTests(RedisServerFixture redis) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 21, 40, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-records-di-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task On_sqlite_the_store_writes_through_the_one_shared_writer()
    {
        await using var services = Services(StorageOptions.Sqlite, $"Data Source={_path}").BuildServiceProvider();

        var records = services.GetRequiredService<IPrivateRecords>();
        await records.TryPutAsync("safety-plan", "ab12", [1], 0, null, Now);

        Assert.IsType<SqlitePrivateRecords>(records);
        Assert.Same(records, services.GetRequiredService<IPrivateRecords>());
        await using var reopened = new SqlitePrivateRecords(services.GetRequiredService<SqliteWriter>());
        Assert.Equal(1, (await reopened.GetAsync("safety-plan", "ab12", Now))!.Version);
    }

    [Fact]
    public void On_redis_the_store_uses_the_shared_connection()
    {
        using var services = Services(StorageOptions.Redis, redis.Server.ConnectionString).BuildServiceProvider();

        Assert.IsType<RedisPrivateRecords>(services.GetRequiredService<IPrivateRecords>());
    }

    [Fact]
    public void A_store_registered_before_is_kept()
    {
        var inMemory = new InMemoryPrivateRecords();
        using var services = Services(StorageOptions.Sqlite, $"Data Source={_path}", before: inMemory).BuildServiceProvider();

        Assert.Same(inMemory, services.GetRequiredService<IPrivateRecords>());
    }

    private static ServiceCollection Services(string provider, string connectionString, IPrivateRecords? before = null)
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
        services.AddStorage().AddPrivateRecords();
        return services;
    }

    public void Dispose() => SqliteFiles.Delete(_path);
}
