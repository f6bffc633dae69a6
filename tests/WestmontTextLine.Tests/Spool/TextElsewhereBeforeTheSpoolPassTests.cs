using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Spool;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// Two instances on one real redis-server: she sends STOP to one while Redis is frozen (kept on its disk), then, after
/// Redis answers and before that instance's next spool pass, texts the other, which does not know of her STOP. Only
/// her own opt-in undoes the STOP kept on disk; any other text leaves her opted out once it is written.
/// </summary>
public sealed class TextElsewhereBeforeTheSpoolPassTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task A_text_that_is_no_opt_in_sent_to_another_instance_leaves_her_opted_out_once_the_stop_is_written()
    {
        using var redis = RedisServer.Start();
        await using var one = new RedisTextLineFactory(redis.ConnectionString) { BackgroundWorkers = false };
        await using var two = new RedisTextLineFactory(redis.ConnectionString) { BackgroundWorkers = false };
        var number = TestNumbers.Next();
        await StopWhileRedisIsFrozenAsync(redis, one, number);

        two.Clock.Advance(TimeSpan.FromMinutes(1));
        // The gap README owns: the other instance answers her as if she had not sent STOP.
        Assert.Equal(MenuReplies.After(), await two.CreateTwilioClient(number).TextAsync("menu"));
        await one.Services.GetRequiredService<OptOutSpoolWorker>().RunPassAsync(CancellationToken.None);

        Assert.Equal(0, one.Services.GetRequiredService<OptOutSpool>().Count);
        Assert.True((await one.Services.GetRequiredService<ISessionStore>().LoadAsync(one.SenderKeyOf(number)))!.OptedOut);
        Assert.Null(await two.CreateTwilioClient(number).TextAsync("menu"));
        Assert.Null(await one.CreateTwilioClient(number).TextAsync("menu"));
    }

    [Fact]
    public async Task The_carriers_opt_in_sent_to_another_instance_after_the_stop_undoes_it()
    {
        using var redis = RedisServer.Start();
        await using var one = new RedisTextLineFactory(redis.ConnectionString) { BackgroundWorkers = false };
        await using var two = new RedisTextLineFactory(redis.ConnectionString) { BackgroundWorkers = false };
        var number = TestNumbers.Next();
        await StopWhileRedisIsFrozenAsync(redis, one, number);

        two.Clock.Advance(TimeSpan.FromMinutes(1));
        var phone = two.CreateTwilioClient(number);
        var carrierStart = phone.Fields("Hi again", phone.NextSid());
        carrierStart.Add(new("OptOutType", "START"));
        (await phone.PostAsync(carrierStart)).EnsureSuccessStatusCode();
        await one.Services.GetRequiredService<OptOutSpoolWorker>().RunPassAsync(CancellationToken.None);

        Assert.Equal(0, one.Services.GetRequiredService<OptOutSpool>().Count);
        Assert.False((await one.Services.GetRequiredService<ISessionStore>().LoadAsync(one.SenderKeyOf(number)))!.OptedOut);
        Assert.NotNull(await one.CreateTwilioClient(number).TextAsync("menu"));
    }

    private static async Task StopWhileRedisIsFrozenAsync(RedisServer redis, TextLineFactory one, string number)
    {
        await one.CreateTwilioClient(number).TextAsync("hi");
        redis.Pause();
        try
        {
            Assert.Equal(English.StopConfirm, await one.CreateTwilioClient(number).TextAsync("STOP"));
        }
        finally
        {
            redis.Resume();
        }
        Assert.Equal(1, one.Services.GetRequiredService<OptOutSpool>().Count);
    }

}
