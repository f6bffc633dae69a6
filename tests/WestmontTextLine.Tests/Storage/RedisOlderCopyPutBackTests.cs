using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WestmontTextLine.Flows;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// Redis put back from a snapshot taken minutes before, as README's "Backups" says (every instance stopped, Redis
/// started on the snapshot, the instances started again) on a real redis-server. Found in a restore drill: nothing
/// noticed it, and a check-in she ended with OK after the snapshot texted her at start and then alerted her contact.
/// The instance now notices at its first look, by the file it keeps of what it saw (<see cref="RedisCopyMark"/>), as
/// SQLite's line does by the file beside its database (<see cref="OlderCopyPutBackTests"/>).
/// </summary>
public sealed class RedisOlderCopyPutBackTests
{
    private const string Texter = "+16305558611";
    private const string Contact = "+16305558612";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task A_snapshot_put_back_is_noticed_and_a_check_in_ended_since_texts_no_one()
    {
        using var redis = RedisServer.Start(appendOnly: false);
        var folder = Path.Combine(Path.GetTempPath(), $"textline-test-marks-{Guid.NewGuid():N}");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        try
        {
            var sent = await RunAndPutBackAsync(redis, folder, fake);

            var restored = new RedisTextLineFactory(redis.ConnectionString) { MarkFolder = folder };
            restored.Clock.Advance(TimeSpan.FromMinutes(31)); // her timer was due at 30
            await using var after = await CheckInLine.StartAsync(restored, fake: fake);
            await after.PassesAsync();
            await after.AdvanceAsync(TimeSpan.FromMinutes(11));

            Assert.Equal(sent, fake.Messages.Count);
            Assert.NotNull(await after.Factory.Services.GetRequiredService<RedisDataMarker>().RestoredAtAsync(CancellationToken.None));
            Assert.Contains("Redis was put back from an older copy of the line's data (about 5 minutes behind", after.Factory.Logs.All);
            Assert.Contains("put back from an older copy", await after.Factory.CreateClient().GetStringAsync("/healthz"));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_instance_stopped_while_redis_ran_on_runs_the_check_in_that_fell_due_meanwhile()
    {
        using var redis = RedisServer.Start(appendOnly: false);
        var folder = Path.Combine(Path.GetTempPath(), $"textline-test-marks-{Guid.NewGuid():N}");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        try
        {
            await using (var before = await CheckInLine.StartAsync(new RedisTextLineFactory(redis.ConnectionString) { MarkFolder = folder, KeepDatabase = true }, fake: fake))
            {
                await before.Factory.Services.GetRequiredService<RedisDataMarker>().CheckAsync();
                await before.Phone(Texter).TextAsync("hi");
                await before.Phone(Texter).TextAsync("CHECK 30");
            }

            // Down for 31 minutes (the instance's own clock), Redis untouched: an outage, not a copy.
            var later = new RedisTextLineFactory(redis.ConnectionString) { MarkFolder = folder };
            later.Clock.Advance(TimeSpan.FromMinutes(31));
            await using var after = await CheckInLine.StartAsync(later, fake: fake);
            await after.PassesAsync();

            Assert.Equal(English.CheckInDue, after.SentTo(Texter)[^1]);
            Assert.Null(await after.Factory.Services.GetRequiredService<RedisDataMarker>().RestoredAtAsync(CancellationToken.None));
            Assert.DoesNotContain("older copy", after.Factory.Logs.All);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_folder_the_instance_cannot_write_is_said_once_not_at_every_look()
    {
        using var redis = RedisServer.Start(appendOnly: false);
        using var logs = new CapturedLogs();
        using var connection = RedisConnection.Connect(redis.ConnectionStringWithoutTheLinesTimeout);
        var notAFolder = Path.Combine(Path.GetTempPath(), $"textline-test-marks-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(notAFolder, "a file where the folder would be");
        try
        {
            var mark = new RedisCopyMark(notAFolder, logs.CreateLogger("Storage"));
            var marker = new RedisDataMarker(connection, new StoreDataLoss(TimeProvider.System), logs.CreateLogger("Storage"), mark: mark);
            for (var look = 0; look < 3; look++) await marker.CheckAsync();

            Assert.Single(logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("was not written", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(notAFolder);
        }
    }

    [Fact]
    public async Task An_instance_whose_clock_is_behind_another_does_not_make_that_one_see_a_copy_put_back()
    {
        using var redis = RedisServer.Start(appendOnly: false);
        using var logs = new CapturedLogs();
        using var connection = RedisConnection.Connect(redis.ConnectionStringWithoutTheLinesTimeout);
        var folderA = Path.Combine(Path.GetTempPath(), $"textline-test-marks-{Guid.NewGuid():N}");
        var folderB = Path.Combine(Path.GetTempPath(), $"textline-test-marks-{Guid.NewGuid():N}");
        var now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        RedisDataMarker Instance(string folder, DateTimeOffset clock) =>
            new(connection, new StoreDataLoss(TimeProvider.System), logs.CreateLogger("Storage"),
                mark: new RedisCopyMark(folder, logs.CreateLogger("Storage")), time: new FakeTimeProvider(clock));
        try
        {
            // Instance A's clock is ten minutes ahead of B's; A looks, stops, B goes on looking, A starts again.
            await Instance(folderA, now.AddMinutes(10)).CheckAsync();
            var b = Instance(folderB, now);
            for (var look = 0; look < 3; look++) await b.CheckAsync();
            var aAgain = Instance(folderA, now.AddMinutes(11));

            Assert.Null(await aAgain.RestoredAtAsync(CancellationToken.None));
            Assert.DoesNotContain(logs.Lines, line => line.Contains("older copy", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var folder in new[] { folderA, folderB }) if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A line on Redis with her check-in (30 minutes) and an agreed contact; a snapshot taken; her OK; five minutes of
    /// the instance's looks at the marker; then every instance stopped and Redis started again on the snapshot.
    /// </summary>
    private static async Task<int> RunAndPutBackAsync(RedisServer redis, string folder, FakeTwilio.FakeTwilioApi fake)
    {
        using var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionStringWithoutTheLinesTimeout},allowAdmin=true");
        await using (var before = await CheckInLine.StartAsync(new RedisTextLineFactory(redis.ConnectionString) { MarkFolder = folder, KeepDatabase = true }, fake: fake))
        {
            var marker = before.Factory.Services.GetRequiredService<RedisDataMarker>();
            await marker.CheckAsync();
            await before.Phone(Texter).TextAsync("hi");
            await before.Phone(Texter).TextAsync("BUDDY (630) 555-8612 Ana");
            await before.PassesAsync();
            await before.Phone(Contact).TextAsync("YES");
            await before.PassesAsync();
            await before.Phone(Texter).TextAsync("CHECK 30");
            await marker.CheckAsync();
            await admin.GetServers()[0].ExecuteAsync("SAVE");
            Assert.Equal(English.CheckInStopped, await before.Phone(Texter).TextAsync("OK"));
            for (var minute = 0; minute < 5; minute++)
            {
                before.Factory.Clock.Advance(TimeSpan.FromMinutes(1));
                await marker.CheckAsync();
            }
        }
        redis.Kill();
        redis.Restart();
        return fake.Messages.Count;
    }
}
