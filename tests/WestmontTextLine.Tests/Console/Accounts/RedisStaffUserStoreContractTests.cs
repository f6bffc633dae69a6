using StackExchange.Redis;
using WestmontTextLine.Records;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Storage;

namespace WestmontTextLine.Tests.Console.Accounts;

/// <summary>The staff store on a real redis-server; the other instance has a connection of its own. Each test has its own key prefix.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisStaffUserStoreContractTests : StaffUserStoreContract, IDisposable
{
    private readonly RedisServerFixture _redis;
    private readonly RedisKeys _keys = new($"test-{Guid.NewGuid():N}:");
    private readonly IConnectionMultiplexer _otherConnection;
    private readonly RedisPrivateRecords _records;
    private readonly RedisPrivateRecords _other;

    public RedisStaffUserStoreContractTests(RedisServerFixture redis)
    {
        _redis = redis;
        _records = new RedisPrivateRecords(redis.Connection, _keys);
        _otherConnection = RedisConnection.Connect(redis.Server.ConnectionStringWithoutTheLinesTimeout);
        _other = new RedisPrivateRecords(_otherConnection, _keys);
    }

    protected override IPrivateRecords Records => _records;

    protected override IPrivateRecords OtherInstance => _other;

    [Fact]
    public async Task An_account_its_passkey_and_the_index_are_records_under_the_line_prefix_with_no_expiry()
    {
        var user = await CreateAsync(Store, "ana");
        await Store.AddOrUpdatePasskeyAsync(user, new([1, 2, 3], [4], Now, 0, null, true, false, false, [5], [6]), default);
        await Store.UpdateAsync(user, default);

        var keys = _redis.Connection.GetServers().Single().Keys(pattern: $"{_keys.Prefix}*").Select(key => key.ToString()).Order().ToList();

        Assert.Equal(
            [$"{_keys.Prefix}rec:staff-index:all", $"{_keys.Prefix}rec:staff-passkey:{WestmontTextLine.Console.Accounts.StaffUserStore.PasskeyKey([1, 2, 3])}",
             $"{_keys.Prefix}rec:staff-user:ANA"],
            keys);
        foreach (var key in keys) Assert.Null(await _redis.Database.KeyTimeToLiveAsync(key));
    }

    public void Dispose() => _otherConnection.Dispose();
}
