using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// Redis restarted without its append-only file comes back empty; put back from an older copy, it forgets what came
/// after. Found from outside: either way every opt-out, check-in timer and chat with staff kept meanwhile was gone,
/// with /healthz 200 and no error in the log. The line now says so in its log and, for a day, on /healthz.
/// </summary>
public sealed class RedisDataLossTests
{
    private const string Empty = "came back empty";
    private const string Older = "went back to an older copy";

    [Fact]
    public async Task Redis_restarted_empty_is_logged_as_an_error_and_said_on_healthz()
    {
        using var redis = RedisServer.Start(appendOnly: false);
        await using var factory = new RedisTextLineFactory(redis.ConnectionString);
        var health = factory.CreateClient();
        var marker = new RedisDataMarker(RedisEngine.Of(factory.Services),
            factory.Services.GetRequiredService<StoreDataLoss>(), factory.Logs.CreateLogger("Storage"));
        await marker.CheckAsync();
        await marker.CheckAsync();
        Assert.Contains("Healthy: flows loaded, storage answers", (await health.GetStringAsync("/healthz")).Split('\n'));

        redis.Kill();
        redis.Restart();
        await Eventually.TrueAsync(async () => (await health.GetAsync("/healthz")).IsSuccessStatusCode, "Redis answers again", TimeSpan.FromSeconds(15));
        await marker.CheckAsync();

        // This look's own line (the host's watch looks too, on its own timer).
        Assert.Single(factory.Logs.Lines, line => line.StartsWith("Error Storage:", StringComparison.Ordinal) && line.Contains(Empty, StringComparison.Ordinal));
        var answer = await health.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains((await answer.Content.ReadAsStringAsync()).Split('\n'),
            line => line.StartsWith("Degraded: flows loaded, storage answers; Redis lost the line's data", StringComparison.Ordinal));

        // Said once: the next looks find the new marker, which the line now counts on.
        await marker.CheckAsync();
        Assert.Single(factory.Logs.Lines, line => line.StartsWith("Error Storage:", StringComparison.Ordinal) && line.Contains(Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redis_put_back_from_an_older_copy_is_logged_and_kept_on_healthz_for_a_day()
    {
        using var redis = RedisServer.Start(appendOnly: false);
        using var logs = new CapturedLogs();
        using var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true");
        using var connection = RedisConnection.Connect(redis.ConnectionString);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var loss = new StoreDataLoss(clock);
        var marker = new RedisDataMarker(connection, loss, logs.CreateLogger("Storage"));
        await marker.CheckAsync();
        await admin.GetServers()[0].ExecuteAsync("SAVE");
        await marker.CheckAsync();
        await marker.CheckAsync();

        // Started again on the snapshot taken before the last two looks.
        redis.Kill();
        redis.Restart();
        await Eventually.TrueAsync(() => connection.IsConnected, "reconnected", TimeSpan.FromSeconds(15));
        await marker.CheckAsync();

        Assert.Single(logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains(Older, StringComparison.Ordinal));
        Assert.DoesNotContain(Empty, logs.All);
        Assert.Contains(Older, loss.Report);
        clock.Advance(StoreDataLoss.ReportedFor);
        Assert.Null(loss.Report);
    }

    [Fact]
    public async Task Redis_restarted_on_its_append_only_file_and_two_instances_looking_in_turn_find_nothing_lost()
    {
        using var redis = RedisServer.Start(appendOnly: true);
        using var logs = new CapturedLogs();
        using var connection = RedisConnection.Connect(redis.ConnectionString);
        var loss = new StoreDataLoss(TimeProvider.System);
        var one = new RedisDataMarker(connection, loss, logs.CreateLogger("Storage"));
        var two = new RedisDataMarker(connection, loss, logs.CreateLogger("Storage"));
        await one.CheckAsync();
        await two.CheckAsync();
        await one.CheckAsync();
        await Eventually.TrueAsync(redis.HasWrittenItsAppendOnlyFile, "every answered write in the append-only file");

        redis.Kill();
        redis.Restart();
        await Eventually.TrueAsync(() => connection.IsConnected, "reconnected", TimeSpan.FromSeconds(15));
        await two.CheckAsync();
        await one.CheckAsync();

        Assert.DoesNotContain(logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
        Assert.Null(loss.Report);
    }
}
