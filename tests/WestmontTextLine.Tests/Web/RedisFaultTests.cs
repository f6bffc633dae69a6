using System.Diagnostics;
using System.Net;
using WestmontTextLine.Tests.Storage;
using Xunit.Abstractions;

namespace WestmontTextLine.Tests.Web;

/// <summary>Redis dies mid-conversation and comes back: the line stays safe meanwhile and then goes on.</summary>
public sealed class RedisFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ReplyLimit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RecoveryWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task While_Redis_is_down_texts_get_the_fallback_fast_and_afterwards_the_conversation_continues()
    {
        // Its own server, with the append-only file as production should run it, so the data survives the kill.
        using var redis = RedisServer.Start(appendOnly: true);
        await using var factory = new RedisTextLineFactory(redis.ConnectionString);
        var twilio = factory.CreateTwilioClient("+16305550171");
        var health = factory.CreateClient();
        await twilio.TextAsync("hi");
        Assert.Contains("Health and testing", await twilio.TextAsync("3"));
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/healthz")).StatusCode);

        redis.Kill();

        foreach (var text in new[] { "1", "0", "HELP", "1" })
        {
            var watch = Stopwatch.StartNew();
            var response = await twilio.PostAsync(twilio.Fields(text, twilio.NextSid()));
            var reply = TwilioClient.ReplyOf(await response.Content.ReadAsStringAsync());
            watch.Stop();
            output.WriteLine($"Redis down: '{text}' answered {(int)response.StatusCode} in {watch.ElapsedMilliseconds} ms");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("911", reply);
            Assert.Contains("1-888-373-7888", reply);
            Assert.Contains("text again", reply);
            Assert.True(watch.Elapsed < ReplyLimit, $"'{text}' took {watch.ElapsedMilliseconds} ms while Redis was down");
        }
        var healthWatch = Stopwatch.StartNew();
        var unhealthy = await health.GetAsync("/healthz");
        output.WriteLine($"Redis down: /healthz answered {(int)unhealthy.StatusCode} in {healthWatch.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);

        redis.Restart();
        var recovery = Stopwatch.StartNew();
        while ((await health.GetAsync("/healthz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(recovery.Elapsed < RecoveryWait, $"the line did not reconnect within {RecoveryWait.TotalSeconds} s of Redis restarting");
            await Task.Delay(100);
        }
        output.WriteLine($"Redis back: healthy again after {recovery.ElapsedMilliseconds} ms");

        // Still in the health menu, as before the fault: 1 is testing.
        Assert.Contains("630-682-7400", await twilio.TextAsync("1"));
    }

    [Fact]
    public async Task While_Redis_hangs_texts_get_the_fallback_within_the_timeout_and_then_the_conversation_continues()
    {
        using var redis = RedisServer.Start();
        await using var factory = new RedisTextLineFactory(redis.ConnectionString);
        var twilio = factory.CreateTwilioClient("+16305550173");
        var health = factory.CreateClient();
        await twilio.TextAsync("hi");
        await twilio.TextAsync("3");

        redis.Pause();
        try
        {
            var watch = Stopwatch.StartNew();
            var response = await twilio.PostAsync(twilio.Fields("1", twilio.NextSid()));
            var reply = TwilioClient.ReplyOf(await response.Content.ReadAsStringAsync());
            watch.Stop();
            output.WriteLine($"Redis hung: '1' answered {(int)response.StatusCode} in {watch.ElapsedMilliseconds} ms");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("911", reply);
            Assert.Contains("1-888-373-7888", reply);
            Assert.Contains("text again", reply);
            Assert.True(watch.Elapsed < ReplyLimit, $"the reply took {watch.ElapsedMilliseconds} ms while Redis hung");

            var healthWatch = Stopwatch.StartNew();
            var unhealthy = await health.GetAsync("/healthz");
            output.WriteLine($"Redis hung: /healthz answered {(int)unhealthy.StatusCode} in {healthWatch.ElapsedMilliseconds} ms");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        }
        finally
        {
            redis.Resume();
        }

        var recovery = Stopwatch.StartNew();
        while ((await health.GetAsync("/healthz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(recovery.Elapsed < RecoveryWait, $"the line did not recover within {RecoveryWait.TotalSeconds} s of Redis resuming");
            await Task.Delay(100);
        }
        Assert.Contains("630-682-7400", await twilio.TextAsync("1"));
    }

    [Fact]
    public async Task An_instance_started_while_Redis_is_down_starts_degraded_and_recovers_when_Redis_comes_up()
    {
        using var redis = RedisServer.Start(appendOnly: true);
        redis.Kill();
        await using var factory = new RedisTextLineFactory(redis.ConnectionString);
        var twilio = factory.CreateTwilioClient("+16305550172");
        var health = factory.CreateClient();

        var reply = await twilio.TextAsync("hi");
        Assert.Contains("1-888-373-7888", reply);
        Assert.Contains("text again", reply);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await health.GetAsync("/healthz")).StatusCode);

        redis.Restart();
        var recovery = Stopwatch.StartNew();
        while ((await health.GetAsync("/healthz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(recovery.Elapsed < RecoveryWait, $"the line did not connect within {RecoveryWait.TotalSeconds} s of Redis starting");
            await Task.Delay(100);
        }

        Assert.Contains("Westmont Text Line", await twilio.TextAsync("hi"));
        Assert.Contains("Health and testing", await twilio.TextAsync("3"));
    }
}
