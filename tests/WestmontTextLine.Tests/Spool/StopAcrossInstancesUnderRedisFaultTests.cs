using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Spool;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// Two instances on one real redis-server, frozen (SIGSTOP) while she sends STOP to one: what README says of the
/// other. While Redis does not answer, the other answers her texts with the safety fallback (it does not know of her
/// STOP, but it answers no text with the menu then), and a STOP she sends it too is kept there and confirmed again.
/// Once Redis answers, each writes what it holds: she is opted out, and her STOP counted once.
/// </summary>
public sealed class StopAcrossInstancesUnderRedisFaultTests
{
    private const string Stops = UsageMetrics.KeywordPrefix + "stop";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task While_redis_is_frozen_another_instance_gives_her_the_fallback_and_a_stop_kept_by_both_is_written_and_counted_once()
    {
        using var redis = RedisServer.Start();
        await using var one = new RedisTextLineFactory(redis.ConnectionString) { BackgroundWorkers = false };
        await using var two = new RedisTextLineFactory(redis.ConnectionString) { BackgroundWorkers = false };
        var number = TestNumbers.Next();
        Assert.False(FallbackReply.IsFallback(await one.CreateTwilioClient(number).TextAsync("hi")));
        Assert.False(FallbackReply.IsFallback(await two.CreateTwilioClient(TestNumbers.Next()).TextAsync("hi")));
        var before = await UsageToday.OfAsync(one);

        redis.Pause();
        try
        {
            Assert.Equal(English.StopConfirm, await one.CreateTwilioClient(number).TextAsync("STOP"));
            FallbackReply.AssertIsFallback(await two.CreateTwilioClient(number).TextAsync("menu"));
            Assert.Equal(English.StopConfirm, await two.CreateTwilioClient(number).TextAsync("STOP"));
        }
        finally
        {
            redis.Resume();
        }
        await one.Services.GetRequiredService<OptOutSpoolWorker>().RunPassAsync(CancellationToken.None);
        await two.Services.GetRequiredService<OptOutSpoolWorker>().RunPassAsync(CancellationToken.None);

        Assert.Equal(0, one.Services.GetRequiredService<OptOutSpool>().Count);
        Assert.Equal(0, two.Services.GetRequiredService<OptOutSpool>().Count);
        Assert.True((await one.Services.GetRequiredService<ISessionStore>().LoadAsync(one.SenderKeyOf(number)))!.OptedOut);
        Assert.Null(await one.CreateTwilioClient(number).TextAsync("menu"));
        Assert.Null(await two.CreateTwilioClient(number).TextAsync("menu"));
        var after = await UsageToday.OfAsync(one);
        Assert.Equal(1, after.GetValueOrDefault(Stops) - before.GetValueOrDefault(Stops));
    }

}
