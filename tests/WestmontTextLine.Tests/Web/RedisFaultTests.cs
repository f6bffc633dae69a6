using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sms;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using Xunit.Abstractions;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Tests.Web;

/// <summary>Redis dies mid-conversation and comes back: the line stays safe meanwhile and then goes on.</summary>
public sealed partial class RedisFaultTests(ITestOutputHelper output)
{
    /// <summary>
    /// A guard against a hang, past Twilio's 15 s, not a speed goal: what shows the fallback came instead of a hang is
    /// the fault that ended the text (its log line), raised by the Redis client itself.
    /// </summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RecoveryWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task While_Redis_is_down_texts_get_the_fallback_at_once_and_afterwards_the_conversation_continues()
    {
        // Its own server, with the append-only file as production should run it, so the data survives the kill.
        using var redis = RedisServer.Start(appendOnly: true);
        await using var factory = new RedisTextLineFactory(redis.ConnectionString);
        var twilio = factory.CreateTwilioClient("+16305550171");
        var health = factory.CreateClient();
        await twilio.TextAsync("hi");
        Assert.Contains("Health and testing", await twilio.TextAsync("3"));
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/healthz")).StatusCode);

        // Redis answers a write before it is in its file when a slow fsync makes it hold the file's writes back (up to
        // 2 s with appendfsync everysec): a kill then loses it, as it would lose it in production.
        await Eventually.TrueAsync(redis.HasWrittenItsAppendOnlyFile, "every answered write in the append-only file");
        redis.Kill();

        foreach (var text in new[] { "1", "0", "HELP", "1" })
        {
            // Refused at once by the client, which queues nothing while disconnected (BacklogPolicy.FailFast): not
            // "timed out in the backlog", which is each text waiting out the command timeout first.
            await AssertFallbackAsync(factory, twilio, text, "Redis down", endedBy: "RedisConnectionException", atOnce: true);
        }
        var healthWatch = Stopwatch.StartNew();
        var unhealthy = await health.GetAsync("/healthz");
        output.WriteLine($"Redis down: /healthz answered {(int)unhealthy.StatusCode} in {healthWatch.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);

        redis.Restart();
        var recovery = await WaitUntilHealthyAsync(health, "reconnect", "restarting");
        output.WriteLine($"Redis back: healthy again after {recovery.TotalMilliseconds:F0} ms");

        // Still in the health menu, as before the fault: 1 is testing.
        Assert.Equal(MenuReplies.After(3, 1), await twilio.TextAsync("1"));
        AssertNoFullSenderKeyLogged(factory, twilio);
    }

    [Fact]
    public async Task A_Redis_at_its_memory_limit_that_refuses_writes_is_unhealthy_and_texts_get_the_fallback()
    {
        using var redis = RedisServer.Start();
        await using var factory = new RedisTextLineFactory(redis.ConnectionString);
        var twilio = factory.CreateTwilioClient("+16305550174");
        var health = factory.CreateClient();
        await twilio.TextAsync("hi");
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/healthz")).StatusCode);

        using (var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true"))
        {
            var server = admin.GetServer(admin.GetEndPoints()[0]);
            await server.ConfigSetAsync("maxmemory-policy", "noeviction");
            await server.ConfigSetAsync("maxmemory", "1");

            await AssertFallbackAsync(factory, twilio, "3", "Redis full", endedBy: "RedisServerException");
            var unhealthy = await health.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
            Assert.Contains("Redis refuses writes: OOM", await unhealthy.Content.ReadAsStringAsync());

            await server.ConfigSetAsync("maxmemory", "0");
        }
        await WaitUntilHealthyAsync(health, "memory", "limit lifted");
        Assert.Contains("Health and testing", await twilio.TextAsync("3"));
    }

    [Fact]
    public async Task While_Redis_hangs_texts_get_the_fallback_at_its_timeout_and_then_the_conversation_continues()
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
            // Ended by the client's own command timeout (asyncTimeout, 1.5 s), not by the text's 3 s budget, nor never.
            await AssertFallbackAsync(factory, twilio, "1", "Redis hung", endedBy: "RedisTimeoutException");

            var healthWatch = Stopwatch.StartNew();
            var unhealthy = await health.GetAsync("/healthz");
            output.WriteLine($"Redis hung: /healthz answered {(int)unhealthy.StatusCode} in {healthWatch.ElapsedMilliseconds} ms");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        }
        finally
        {
            redis.Resume();
        }

        await WaitUntilHealthyAsync(health, "recover", "resuming");
        Assert.Equal(MenuReplies.After(3, 1), await twilio.TextAsync("1"));
        AssertNoFullSenderKeyLogged(factory, twilio);
    }

    private static void AssertNoFullSenderKeyLogged(TextLineFactory factory, TwilioClient twilio)
    {
        var senderKey = factory.Services.GetRequiredService<SenderKeys>().KeyOf(twilio.From);
        Assert.DoesNotContain(senderKey, factory.Logs.All);
        Assert.DoesNotContain(twilio.From, factory.Logs.All);
    }

    [Fact]
    public async Task An_instance_started_while_Redis_is_down_starts_degraded_and_recovers_when_Redis_comes_up()
    {
        using var redis = RedisServer.Start(appendOnly: true);
        redis.Kill();
        await using var factory = new RedisTextLineFactory(redis.ConnectionString);
        var twilio = factory.CreateTwilioClient("+16305550172");
        var health = factory.CreateClient();

        FallbackReply.AssertIsFallback(await twilio.TextAsync("hi"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await health.GetAsync("/healthz")).StatusCode);
        // Where it is trying, so a mistyped port does not look like an outage.
        Assert.Contains(factory.Logs.Lines, line => line.Contains($"Redis at {redis.ConnectionString} does not answer yet", StringComparison.Ordinal));

        redis.Restart();
        await WaitUntilHealthyAsync(health, "connect", "starting");

        Assert.Contains("Westmont Text Line", await twilio.TextAsync("hi"));
        Assert.Contains("Health and testing", await twilio.TextAsync("3"));
    }

    /// <summary>
    /// Sends a text and checks it gets the fallback, as a 200, and that the storage fault which ended it was
    /// <paramref name="endedBy"/> (and, <paramref name="atOnce"/>, not after a wait that timed out): the path that gave
    /// the fallback instead of a hang.
    /// </summary>
    private async Task AssertFallbackAsync(
        TextLineFactory factory, TwilioClient twilio, string text, string fault, string endedBy, bool atOnce = false)
    {
        var logged = factory.Logs.Lines.Count;
        var watch = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await twilio.PostAsync(twilio.Fields(text, twilio.NextSid())).WaitAsync(HangGuard);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"'{text}' was not answered within {HangGuard.TotalSeconds} s while {fault}: it hung");
            throw;
        }
        var reply = TwilioClient.ReplyOf(await response.Content.ReadAsStringAsync());
        output.WriteLine($"{fault}: '{text}' answered {(int)response.StatusCode} in {watch.ElapsedMilliseconds} ms");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        FallbackReply.AssertIsFallback(reply);
        var faults = factory.Logs.Lines.Skip(logged).Select(line => StorageFault().Match(line)).Where(match => match.Success).ToList();
        Assert.True(faults.Select(match => match.Groups[1].Value).SequenceEqual([endedBy]),
            $"'{text}' while {fault} was ended by [{string.Join(" | ", faults.Select(match => match.Value))}], not by {endedBy}");
        if (atOnce) Assert.DoesNotContain("timed out", faults[0].Groups[2].Value);
    }

    [GeneratedRegex(@"Text \S+ from \S+: storage fault (\w+): (.*?); gave the fallback")]
    private static partial Regex StorageFault();

    /// <summary>Polls /healthz until it answers 200, failing after RecoveryWait; returns how long that took.</summary>
    private static async Task<TimeSpan> WaitUntilHealthyAsync(HttpClient health, string what, string when)
    {
        var recovery = Stopwatch.StartNew();
        while ((await health.GetAsync("/healthz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(recovery.Elapsed < RecoveryWait, $"the line did not {what} within {RecoveryWait.TotalSeconds} s of Redis {when}");
            await Task.Delay(100);
        }
        return recovery.Elapsed;
    }
}
