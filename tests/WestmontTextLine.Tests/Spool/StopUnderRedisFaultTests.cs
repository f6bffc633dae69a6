using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Spool;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// A STOP that comes while a real redis-server is frozen (SIGSTOP): kept on this instance's disk and confirmed, written
/// to Redis once it answers; a START she sent after it, to another instance, wins over it.
/// </summary>
public sealed class StopUnderRedisFaultTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task A_stop_while_redis_is_frozen_is_confirmed_and_her_next_text_after_it_resumes_gets_no_reply()
    {
        using var redis = RedisServer.Start();
        await using var factory = new RedisTextLineFactory(redis.ConnectionString) { BackgroundWorkers = false };
        var phone = factory.CreateTwilioClient(TestNumbers.Next());
        await phone.TextAsync("hi");

        redis.Pause();
        try
        {
            Assert.Equal(English.StopConfirm, await phone.TextAsync("STOP"));
            Assert.Null(await phone.TextAsync("menu"));
        }
        finally
        {
            redis.Resume();
        }

        Assert.Null(await phone.TextAsync("menu"));
        Assert.True((await factory.Services.GetRequiredService<ISessionStore>().LoadAsync(factory.SenderKeyOf(phone.From)))!.OptedOut);
        Assert.Equal(0, factory.Services.GetRequiredService<OptOutSpool>().Count);
        Assert.DoesNotContain(factory.SenderKeyOf(phone.From), factory.Logs.All);
    }

    [Fact]
    public async Task A_start_she_sent_to_another_instance_after_redis_resumed_wins_over_the_older_stop_kept_on_disk()
    {
        using var redis = RedisServer.Start();
        await using var one = new RedisTextLineFactory(redis.ConnectionString) { BackgroundWorkers = false };
        await using var two = new RedisTextLineFactory(redis.ConnectionString) { BackgroundWorkers = false };
        var number = TestNumbers.Next();
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
        two.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(await two.CreateTwilioClient(number).TextAsync("START"));
        await one.Services.GetRequiredService<OptOutSpoolWorker>().RunPassAsync(CancellationToken.None);

        Assert.Equal(0, one.Services.GetRequiredService<OptOutSpool>().Count);
        Assert.False((await one.Services.GetRequiredService<ISessionStore>().LoadAsync(one.SenderKeyOf(number)))!.OptedOut);
        Assert.NotNull(await one.CreateTwilioClient(number).TextAsync("menu"));
    }

}
