using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Spool;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// A texter who opted out, whose text the line read her session for and then could not save: she got the emergency
/// fallback, a text to a number that said STOP, where a working store gives her silence. She now gets the empty
/// reply, and it is not logged or counted as a fallback. Her START still gets the fallback (to text it again), and a
/// text whose session could not be read at all still does too: the line cannot know she opted out.
/// </summary>
public sealed class OptedOutUnderFaultTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task An_opted_out_texter_gets_no_reply_while_the_file_is_locked_and_her_START_gets_the_fallback()
    {
        await using var factory = new TextLineFactory { BackgroundWorkers = false };
        var phone = factory.CreateTwilioClient(TestNumbers.Next());
        await phone.TextAsync("hi");
        Assert.Equal(English.StopConfirm, await phone.TextAsync("STOP"));

        await using (await SqliteFileLocked.TakeAsync(factory.DatabasePath))
        {
            Assert.Null(await phone.TextAsync("hi"));
            Assert.Null(await phone.TextAsync("STOP"));
            FallbackReply.AssertIsFallback(await phone.TextAsync("START"));
        }

        // Her second STOP found her opted out: nothing for the spool to keep.
        Assert.Equal(0, factory.Services.GetRequiredService<OptOutSpool>().Count);
        Assert.Equal(2, factory.Logs.Lines.Count(line => line.Contains("; sent nothing: she opted out", StringComparison.Ordinal)));
        Assert.Single(factory.Logs.Lines, line => line.Contains("; gave the fallback", StringComparison.Ordinal));

        Assert.StartsWith(English.StartConfirm, await phone.TextAsync("START"));
        Assert.Contains(factory.Logs.Lines, line => line.Contains("Texts are answered again: 1 text(s) got the fallback", StringComparison.Ordinal));
        Assert.DoesNotContain(phone.From, factory.Logs.All);
    }

    [Fact]
    public async Task An_opted_out_texter_gets_no_reply_when_redis_freezes_as_her_text_is_saved()
    {
        using var redis = RedisServer.Start();
        var pause = new PauseRedisOnce(redis);
        await using var factory = new RedisTextLineFactory(redis.ConnectionString) { BackgroundWorkers = false, TestServices = pause.Install };
        var phone = factory.CreateTwilioClient(TestNumbers.Next());
        await phone.TextAsync("hi");
        Assert.Equal(English.StopConfirm, await phone.TextAsync("STOP"));
        try
        {
            pause.Arm(sessionSave: true);
            Assert.Null(await phone.TextAsync("menu"));
        }
        finally
        {
            await pause.ResumedAsync();
        }

        Assert.Contains(factory.Logs.Lines, line => line.Contains("; sent nothing: she opted out", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains("Texts get the fallback", StringComparison.Ordinal));
        Assert.Null(await phone.TextAsync("menu"));
    }

    [Fact]
    public async Task An_opted_out_texter_whose_session_cannot_be_read_while_redis_is_down_still_gets_the_fallback()
    {
        using var redis = RedisServer.Start();
        await using var factory = new RedisTextLineFactory(redis.ConnectionString) { BackgroundWorkers = false };
        var phone = factory.CreateTwilioClient(TestNumbers.Next());
        await phone.TextAsync("hi");
        Assert.Equal(English.StopConfirm, await phone.TextAsync("STOP"));

        redis.Kill();
        FallbackReply.AssertIsFallback(await phone.TextAsync("menu"));
        redis.Restart();
    }
}
