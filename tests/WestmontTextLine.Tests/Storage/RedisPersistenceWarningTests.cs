using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// An opt-out lives only in Redis. Found from outside: Redis restarted without its append-only file, and a texter who
/// had sent STOP was welcomed again, with /healthz 200 and nothing in any log. The line now says so when it connects,
/// and each time Redis comes back.
/// </summary>
public sealed class RedisPersistenceWarningTests
{
    private const string Warning = "runs without its append-only file";

    [Fact]
    public async Task A_redis_without_its_append_only_file_gets_a_warning_at_connect_and_again_after_a_restart()
    {
        using var redis = RedisServer.Start(appendOnly: false);
        using var logs = new CapturedLogs();
        using var connection = RedisConnection.Connect(redis.ConnectionString, logs.CreateLogger("Storage"));

        await Eventually.TrueAsync(() => logs.Lines.Count(line => line.Contains(Warning)) == 1, "the warning at connect");
        Assert.Contains(redis.ConnectionString, logs.All);

        redis.Kill();
        redis.Restart();
        await Eventually.TrueAsync(() => logs.Lines.Count(line => line.Contains(Warning)) == 2, "the warning once Redis is back",
            TimeSpan.FromSeconds(15));
    }

    [Theory]
    [InlineData("allkeys-lru")]
    [InlineData("volatile-lru")]
    public async Task A_redis_that_evicts_keys_when_full_gets_a_warning(string policy)
    {
        using var redis = RedisServer.Start(appendOnly: true);
        using (var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true"))
        {
            await admin.GetServers()[0].ConfigSetAsync("maxmemory-policy", policy);
        }
        using var logs = new CapturedLogs();
        using var connection = RedisConnection.Connect(redis.ConnectionString);

        await RedisConnection.WarnIfNotPersistentAsync(connection, logs.CreateLogger("Storage"));

        // volatile-lru too: sessions and safety plans carry a TTL, so they are what it evicts.
        Assert.Contains($"evicts keys when it is full (maxmemory-policy {policy})", logs.All);
        Assert.DoesNotContain(Warning, logs.All);
    }

    [Fact]
    public async Task A_redis_with_its_append_only_file_gets_none()
    {
        using var redis = RedisServer.Start(appendOnly: true);
        using var logs = new CapturedLogs();
        using var connection = RedisConnection.Connect(redis.ConnectionString, logs.CreateLogger("Storage"));

        await RedisConnection.WarnIfNotPersistentAsync(connection, logs.CreateLogger("Storage"));

        Assert.DoesNotContain(Warning, logs.All);
        Assert.DoesNotContain("evicts keys", logs.All);
    }
}
