using System.Reflection;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WestmontTextLine.Console;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console;

/// <summary>
/// Redis lost the line's data (restarted empty), the console's cookie keys with it. An instance that ran before the loss
/// kept signing with its key in memory, which the other instances could not read.
/// </summary>
public sealed class ConsoleKeysAfterRedisLossTests
{
    private const string NewKeyMade = "Console: a new sign-in key was made, since Redis lost the old one";

    [Fact]
    public async Task After_redis_lost_its_data_a_sign_in_on_an_instance_that_ran_before_works_on_another()
    {
        using var redis = RedisServer.Start();
        using var one = new RedisTextLineFactory(redis.ConnectionString);
        using (var before = await one.SignedInAsync("alice"))
        {
            Assert.Contains("Signed in as alice", await before.GetPageAsync("/Simulator"));
        }
        await FirstLookAtDataMarkerAsync(one, redis);
        await FlushAsync(redis);
        // Another instance starts after the loss, and the operator adds the accounts again.
        using var two = new RedisTextLineFactory(redis.ConnectionString);
        two.Clock.AdjustTime(one.Clock.GetUtcNow());
        using var onTwo = await two.SignedInAsync("bob");
        await LossFoundAsync(one);

        one.Clock.AdjustTime(two.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        using var onOne = await one.SignedInAsync("carol");
        two.Clock.AdjustTime(one.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        using var carolOnTwo = onOne.CopyCookies(two);
        Assert.Contains("Signed in as carol", await carolOnTwo.GetPageAsync("/Simulator"));
    }

    [Fact]
    public async Task After_redis_lost_its_data_the_new_key_is_read_by_an_instance_whose_console_ran_for_minutes()
    {
        using var redis = RedisServer.Start();
        using var one = new RedisTextLineFactory(redis.ConnectionString);
        using (await one.SignedInAsync("alice"))
        {
        }
        await FirstLookAtDataMarkerAsync(one, redis);
        await FlushAsync(redis);
        using var two = new RedisTextLineFactory(redis.ConnectionString);
        two.Clock.AdjustTime(one.Clock.GetUtcNow());
        using (await two.SignedInAsync("bob"))
        {
        }
        // Data protection looks in Redis for a key it does not know only in its first two minutes: past them here.
        EndKeyLookupAfterStart(two);
        await LossFoundAsync(one);
        one.Clock.AdjustTime(two.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        using var onOne = await one.SignedInAsync("carol");
        two.Clock.AdjustTime(one.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        // A check of two's that begins now finds the key one made after the loss, and two reads its keys again.
        await CheckedAfterNowAsync(two);
        using var carolOnTwo = onOne.CopyCookies(two);
        Assert.Contains("Signed in as carol", await carolOnTwo.GetPageAsync("/Simulator"));
    }

    /// <summary>
    /// The instance's key watch has run a whole check that began after this call: its clock moves on a check's interval,
    /// twice, each time until a check ends (the first that ends may have begun before the call; the next began after it).
    /// </summary>
    private static async Task CheckedAfterNowAsync(TextLineFactory factory)
    {
        var watch = factory.Services.GetRequiredService<ConsoleKeysWatch>();
        for (var round = 0; round < 2; round++)
        {
            var done = watch.ChecksDone;
            factory.Clock.Advance(ConsoleKeysWatch.CheckEvery);
            await Eventually.TrueAsync(() => watch.ChecksDone > done, "a check of the sign-in keys");
        }
    }

    /// <summary>
    /// Ends the two minutes after start in which data protection reads its keys again on meeting one it does not know
    /// (an internal of ASP.NET Core's KeyRingProvider: the test fails, not passes, if it is renamed).
    /// </summary>
    private static void EndKeyLookupAfterStart(TextLineFactory factory)
    {
        var ring = factory.Services.GetRequiredService<ConsoleProvider>().Services.GetRequiredService<IKeyRingProvider>();
        var windowEnd = ring.GetType().GetProperty("AutoRefreshWindowEnd", BindingFlags.Instance | BindingFlags.NonPublic);
        Assert.NotNull(windowEnd);
        windowEnd.SetValue(ring, DateTime.UtcNow);
    }

    [Fact]
    public async Task Once_the_new_key_is_made_the_instance_signs_with_it_not_with_the_key_redis_lost()
    {
        using var redis = RedisServer.Start();
        using var one = new RedisTextLineFactory(redis.ConnectionString);
        using (await one.SignedInAsync("alice"))
        {
        }
        var lostKey = KeyThatSigns(one);
        await FirstLookAtDataMarkerAsync(one, redis);
        await FlushAsync(redis);
        await LossFoundAsync(one);

        // Data protection swaps its key ring in the background once told it changed: the first cookie signed after
        // the new key was made still carried the lost key, which no instance (this one included) could read.
        var signsWith = KeyThatSigns(one);
        Assert.NotEqual(lostKey, signsWith);
        Assert.Contains(signsWith, await KeysInRedisAsync(redis));
    }

    /// <summary>
    /// The instance's first look at the data marker is over (its id kept): the watch starts after the first answer and
    /// looks at once, which a loaded machine may run after the flush, and a first look finds no loss.
    /// </summary>
    private static async Task FirstLookAtDataMarkerAsync(TextLineFactory factory, RedisServer redis)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var marker = new RedisKeys().DataMarker;
        // The count at 2 means the second look ran, so the first one's answer was taken in.
        await Eventually.AfterPassesAsync(
            () =>
            {
                factory.Clock.Advance(RedisDataWatch.CheckEvery);
                return Task.CompletedTask;
            },
            () => (long?)connection.GetDatabase().HashGet(marker, "count") >= 2,
            "the data marker looked at twice");
    }

    private static async Task FlushAsync(RedisServer redis)
    {
        using var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true");
        await admin.GetServers()[0].FlushAllDatabasesAsync();
    }

    /// <summary>The instance's next look at the data marker finds the loss, and its console makes a new key.</summary>
    private static async Task LossFoundAsync(TextLineFactory factory)
    {
        factory.Clock.Advance(RedisDataWatch.CheckEvery);
        await Eventually.TrueAsync(() => factory.Services.GetRequiredService<StoreDataLoss>().Report is not null,
            "the loss found", TimeSpan.FromSeconds(10));
        // /healthz says it before the console's new key is made: wait for the key itself. The console waits up to
        // ConsoleKeyRing.ReadWithin for its key ring to take the key up, and then logs either way: wait past that for
        // its line (a loaded machine took over 10 s), then see which it was.
        await Eventually.TrueAsync(() => factory.Logs.Lines.Any(line => line.Contains("Console: a new sign-in key was made")),
            "the console's line on its new sign-in key", ConsoleKeyRing.ReadWithin + TimeSpan.FromSeconds(20));
        Assert.Contains(factory.Logs.Lines, line => line.Contains(NewKeyMade));
    }

    /// <summary>The id of the key the instance's console signs cookies and forms with now (a protected payload names it).</summary>
    private static Guid KeyThatSigns(TextLineFactory factory)
    {
        var protector = factory.Services.GetRequiredService<ConsoleProvider>().Services
            .GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var payload = protector.Protect([1, 2, 3]);
        return new Guid(payload.AsSpan(4, 16));
    }

    private static async Task<IReadOnlyList<Guid>> KeysInRedisAsync(RedisServer redis)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var elements = await connection.GetDatabase().ListRangeAsync(ConsoleKeyStorage.RedisKey);
        return [.. elements.Select(element => XElement.Parse(element!)).Where(element => element.Name == "key")
            .Select(key => Guid.Parse(key.Attribute("id")!.Value))];
    }
}
