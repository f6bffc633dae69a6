using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
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
    [Fact]
    public async Task After_redis_lost_its_data_a_sign_in_on_an_instance_that_ran_before_works_on_another()
    {
        using var redis = RedisServer.Start();
        using var one = new RedisTextLineFactory(redis.ConnectionString);
        using (var before = await one.SignedInAsync("alice"))
        {
            Assert.Contains("Signed in as alice", await before.GetPageAsync("/Simulator"));
        }
        using (var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true"))
        {
            await admin.GetServers()[0].FlushAllDatabasesAsync();
        }
        // Another instance starts after the loss, and the operator adds the accounts again.
        using var two = new RedisTextLineFactory(redis.ConnectionString);
        two.Clock.AdjustTime(one.Clock.GetUtcNow());
        using var onTwo = await two.SignedInAsync("bob");
        // The first instance's next look at Redis's data marker finds the loss.
        one.Clock.Advance(RedisDataWatch.CheckEvery);
        await Eventually.TrueAsync(() => Task.FromResult(one.Services.GetRequiredService<StoreDataLoss>().Report is not null),
            "the loss found", TimeSpan.FromSeconds(10));

        one.Clock.AdjustTime(two.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        using var onOne = await one.SignedInAsync("carol");
        two.Clock.AdjustTime(one.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        using var carolOnTwo = onOne.CopyCookies(two);
        Assert.Contains("Signed in as carol", await carolOnTwo.GetPageAsync("/Simulator"));
    }
}
