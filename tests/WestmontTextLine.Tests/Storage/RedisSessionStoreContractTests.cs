using StackExchange.Redis;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The session store contract on a real redis-server, plus what only Redis does: retention as a TTL on every
/// save, and none on an opt-out. Each test has its own key prefix, so a purge sees only its own sessions.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSessionStoreContractTests : SessionStoreContract
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private readonly RedisServerFixture _redis;
    private readonly RedisKeys _keys = new($"test-{Guid.NewGuid():N}:");
    private readonly RedisSessionStore _store;

    public RedisSessionStoreContractTests(RedisServerFixture redis)
    {
        _redis = redis;
        _store = new RedisSessionStore(redis.Connection, Retention, _keys);
    }

    protected override ISessionStore Store => _store;

    [Fact]
    public async Task Every_save_of_a_session_sets_the_retention_as_its_ttl()
    {
        var sender = NewSenderKey();
        await Store.SaveAsync(sender, NewSession());
        await _redis.Database.KeyExpireAsync(_keys.Session(sender), TimeSpan.FromMinutes(5));

        await Store.SaveAsync(sender, (await Store.LoadAsync(sender))! with { Node = "health" });

        var ttl = await _redis.Database.KeyTimeToLiveAsync(_keys.Session(sender));
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, Retention - TimeSpan.FromMinutes(1), Retention);
    }

    [Fact]
    public async Task An_opt_out_has_no_ttl_so_it_is_kept_and_opting_in_sets_it_again()
    {
        var sender = NewSenderKey();
        var key = _keys.Session(sender);
        await Store.SaveAsync(sender, NewSession());
        Assert.NotNull(await _redis.Database.KeyTimeToLiveAsync(key));

        await Store.SaveAsync(sender, (await Store.LoadAsync(sender))! with { OptedOut = true });
        Assert.True(await _redis.Database.KeyExistsAsync(key));
        Assert.Null(await _redis.Database.KeyTimeToLiveAsync(key));

        await Store.SaveAsync(sender, (await Store.LoadAsync(sender))! with { OptedOut = false });
        Assert.NotNull(await _redis.Database.KeyTimeToLiveAsync(key));
    }

    [Fact]
    public async Task A_first_opt_out_is_stored_without_a_ttl()
    {
        var sender = NewSenderKey();

        await Store.SaveAsync(sender, NewSession() with { OptedOut = true });

        Assert.Null(await _redis.Database.KeyTimeToLiveAsync(_keys.Session(sender)));
    }

    [Fact]
    public async Task A_session_is_one_hash_under_the_sender_key_with_the_sqlite_columns()
    {
        var sender = NewSenderKey();
        await Store.SaveAsync(sender, NewSession() with { Choices = "health testing" });

        var fields = await _redis.Database.HashGetAllAsync($"{_keys.Prefix}session:{sender}");

        Assert.Equal(
            ["choices", "handoff", "language", "last_activity", "last_message_sid", "last_reply", "node", "opted_out", "version"],
            fields.Select(f => f.Name.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), (long)fields.Single(f => f.Name == "last_activity").Value);
    }

    [Fact]
    public async Task Two_instances_with_their_own_connections_never_both_save_over_one_version()
    {
        using var otherInstance = RedisConnection.Connect(_redis.Server.ConnectionStringWithoutTheLinesTimeout);
        var other = new RedisSessionStore(otherInstance, Retention, _keys);
        var sender = NewSenderKey();
        await Store.SaveAsync(sender, NewSession());
        var loadedHere = (await Store.LoadAsync(sender))!;
        var loadedThere = (await other.LoadAsync(sender))!;

        var written = await Task.WhenAll(
            Task.Run(() => Store.SaveAsync(sender, loadedHere with { Node = "health" })),
            Task.Run(() => other.SaveAsync(sender, loadedThere with { Node = "law" })));

        Assert.Equal(1, written.Count(w => w));
        Assert.Equal(written[0] ? "health" : "law", (await Store.LoadAsync(sender))!.Node);
    }
}
