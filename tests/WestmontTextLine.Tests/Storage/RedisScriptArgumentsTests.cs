using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The scripts every answered text runs on Redis (her lock with her session, her session's save, the deletion queued, the
/// lock's release) take their keys and arguments by position. Through <see cref="LuaScript"/>'s named parameters each key
/// went twice (as a key, and again among the arguments), and the parameters were read from an object through
/// interpreted expression trees, about a tenth of the line's CPU a text (the line generates no code at run time).
/// </summary>
public sealed class RedisScriptArgumentsTests
{
    private const string Sender = "sender-key-of-a-texter";

    [Fact]
    public async Task Each_script_a_text_runs_sends_each_of_its_keys_once()
    {
        using var redis = RedisServer.Start();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        using var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        await server.ExecuteAsync("CONFIG", "SET", "slowlog-log-slower-than", "0");
        await server.SlowlogResetAsync();
        var sessions = new RedisSessionStore(connection, TimeSpan.FromDays(30));
        var keys = new RedisKeys();

        var (held, _) = await new RedisSenderLocks(connection, NullLogger<RedisSenderLocks>.Instance)
            .AcquireAndLoadAsync(Sender, sessions, CancellationToken.None);
        Assert.True(await sessions.SaveAsync(Sender, new Session("health", "en", DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000))));
        await new RedisScheduledWork(connection).ScheduleOrNothingAsync(WorkKinds.Delete, "SM0123", DateTimeOffset.UtcNow.AddMinutes(2));
        await held!.DisposeAsync();
        await connection.GetDatabase().PingAsync();

        var scripts = (await server.SlowlogGetAsync(100))
            .Where(trace => trace.Arguments.Length > 0 && ((string?)trace.Arguments[0])?.ToUpperInvariant() is "EVALSHA" or "EVAL")
            .ToList();
        Assert.Equal(4, scripts.Count);
        string[] keysSent = [keys.SenderLock(Sender), keys.Session(Sender), keys.WorkDue(WorkKinds.Delete), keys.WorkItems(WorkKinds.Delete), keys.WorkPayloads(WorkKinds.Delete)];
        foreach (var script in scripts)
        {
            var sent = script.Arguments.Select(argument => (string?)argument).ToList();
            foreach (var key in keysSent) Assert.True(sent.Count(argument => argument == key) <= 1, $"{key} sent twice: {string.Join(' ', sent)}");
        }
    }
}
