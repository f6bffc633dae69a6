using StackExchange.Redis;
using WestmontTextLine.Records;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Storage;

namespace WestmontTextLine.Tests.Records;

/// <summary>
/// The private-records contract on a real redis-server. The other instance, and the restarted one, have connections
/// of their own, as separate processes would. Each test has its own key prefix.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisPrivateRecordsContractTests : DurablePrivateRecordsContract, IDisposable
{
    private readonly RedisServerFixture _redis;
    private readonly RedisKeys _keys = new($"test-{Guid.NewGuid():N}:");
    private readonly List<IConnectionMultiplexer> _connections = [];
    private readonly RedisPrivateRecords _records;
    private readonly RedisPrivateRecords _other;

    public RedisPrivateRecordsContractTests(RedisServerFixture redis)
    {
        _redis = redis;
        _records = new RedisPrivateRecords(redis.Connection, _keys);
        _other = NewInstance();
    }

    protected override IPrivateRecords Records => _records;

    protected override IPrivateRecords OtherInstance => _other;

    protected override IPrivateRecords Restart() => NewInstance();

    protected override bool PurgeRemovesExpired => false;

    private RedisPrivateRecords NewInstance()
    {
        var connection = RedisConnection.Connect(_redis.Server.ConnectionStringWithoutTheLinesTimeout);
        _connections.Add(connection);
        return new RedisPrivateRecords(connection, _keys);
    }

    [Fact]
    public async Task A_record_is_one_hash_under_the_line_prefix_and_a_delete_leaves_nothing_behind()
    {
        var expiresAt = Now.AddMinutes(45);
        await Records.TryPutAsync(Kind, "ab12", [1, 2], 0, expiresAt, Now);

        var key = Assert.Single(KeysUnderPrefix());
        Assert.Equal($"{_keys.Prefix}rec:{Kind}:ab12", key);
        var fields = (await _redis.Database.HashGetAllAsync(key)).ToDictionary(entry => (string)entry.Name!, entry => entry.Value);
        Assert.Equal(["expires_at", "payload", "version"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([1, 2], (byte[]?)fields["payload"]);
        Assert.Equal("1", (string?)fields["version"]);
        Assert.Equal(expiresAt.ToUnixTimeMilliseconds().ToString(), (string?)fields["expires_at"]);

        Assert.True(await Records.DeleteAsync(Kind, "ab12"));

        Assert.Empty(KeysUnderPrefix());
    }

    [Fact]
    public async Task Redis_drops_a_record_a_margin_after_its_expiry_by_the_callers_clock_however_far_that_clock_is_from_redis()
    {
        // The tests' clock is days behind Redis's: an absolute PEXPIREAT at expiry plus the margin would already be past.
        var key = _keys.PrivateRecord(Kind, "ab12");
        await Records.TryPutAsync(Kind, "ab12", [1], 0, Now.AddMinutes(45), Now);

        AssertTimeToLive(TimeSpan.FromMinutes(45) + RedisPrivateRecords.NativeExpiryMargin, await _redis.Database.KeyTimeToLiveAsync(key));

        await Records.TryPutAsync(Kind, "ab12", [2], 1, Now.AddDays(30), Now.AddMinutes(10));
        AssertTimeToLive(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(10) + RedisPrivateRecords.NativeExpiryMargin,
            await _redis.Database.KeyTimeToLiveAsync(key));
    }

    /// <summary>
    /// What expires leaves Redis (and its next append-only rewrite) within minutes: a day's margin kept a mark that
    /// FORGET leaves "for a day at most" two days, and a sign-in count of 15 minutes a day and a quarter.
    /// </summary>
    [Fact]
    public async Task Redis_drops_an_expired_record_within_minutes_not_a_day_later()
    {
        var key = _keys.PrivateRecord(Kind, "ab12");
        await Records.TryPutAsync(Kind, "ab12", [1], 0, Now.AddMinutes(15), Now);

        var timeToLive = await _redis.Database.KeyTimeToLiveAsync(key);

        Assert.NotNull(timeToLive);
        Assert.InRange(timeToLive.Value, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15) + TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task A_record_that_never_expires_has_no_ttl_even_after_one_that_did()
    {
        var key = _keys.PrivateRecord(Kind, "ab12");
        await Records.TryPutAsync(Kind, "ab12", [1], 0, Now.AddMinutes(45), Now);

        await Records.TryPutAsync(Kind, "ab12", [2], 1, null, Now);

        Assert.Null(await _redis.Database.KeyTimeToLiveAsync(key));
        Assert.False(await _redis.Database.HashExistsAsync(key, "expires_at"));
    }

    private static void AssertTimeToLive(TimeSpan expected, TimeSpan? actual)
    {
        Assert.NotNull(actual);
        // Redis counts the TTL down from the write: allow the seconds a slow test machine takes.
        Assert.InRange(actual.Value, expected - TimeSpan.FromSeconds(30), expected);
    }

    private string[] KeysUnderPrefix() =>
        [.. _redis.Connection.GetServers().Single().Keys(pattern: $"{_keys.Prefix}*").Select(key => key.ToString()).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        foreach (var connection in _connections) connection.Dispose();
    }
}
