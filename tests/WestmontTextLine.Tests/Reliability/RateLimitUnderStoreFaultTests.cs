using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>
/// The rate limit holds while the store fails. A limited text reads her session first (a Twilio retry of her last
/// answered text, or her chat with staff, still goes through), and that read failing gave the fallback: every text of a
/// flood, or of another auto-responder answering each reply, got a text back for as long as Redis was down.
/// </summary>
public sealed class RateLimitUnderStoreFaultTests
{
    [Fact]
    public async Task While_Redis_is_down_a_sender_over_the_limit_gets_an_empty_response_and_others_the_fallback()
    {
        using var redis = RedisServer.Start();
        await using var factory = new RedisTextLineFactory(redis.ConnectionString);
        factory.Settings["TextLine:RateLimitPerMinute"] = "3";
        var flooder = factory.CreateTwilioClient(TestNumbers.Next());
        var other = factory.CreateTwilioClient(TestNumbers.Next());
        Assert.NotNull(await flooder.TextAsync("hi"));

        redis.Kill();

        // Within the limit: the fallback, as for anyone while the store fails.
        FallbackReply.AssertIsFallback(await flooder.TextAsync("x"));
        FallbackReply.AssertIsFallback(await flooder.TextAsync("x"));
        // Over it: nothing, as with the store answering.
        for (var i = 0; i < 5; i++) Assert.Null(await flooder.TextAsync("x"));
        // Others are not limited, and the flooder's emergency words have their own cap.
        FallbackReply.AssertIsFallback(await other.TextAsync("hi"));
        FallbackReply.AssertIsFallback(await flooder.TextAsync("911"));
        Assert.Single(factory.Logs.Lines, line => line.Contains("over the rate limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task While_Redis_is_paused_a_sender_over_the_limit_gets_silence_without_waiting_on_it_and_her_retry_its_answer_once_it_runs()
    {
        using var redis = RedisServer.Start();
        CountedReads? reads = null;
        await using var factory = new RedisTextLineFactory(redis.ConnectionString)
        {
            TestServices = services => services.AddSingleton<ISessionStore>(provider =>
                reads = new CountedReads(new RedisSessionStore(RedisEngine.Of(provider), TimeSpan.FromDays(30)))),
        };
        factory.Settings["TextLine:RateLimitPerMinute"] = "3";
        var flooder = factory.CreateTwilioClient(TestNumbers.Next());
        var other = factory.CreateTwilioClient(TestNumbers.Next());
        var answeredSid = flooder.NextSid();
        var answer = await flooder.TextAsync("hi", answeredSid);
        Assert.NotNull(answer);

        redis.Pause();
        try
        {
            FallbackReply.AssertIsFallback(await flooder.TextAsync("x"));
            FallbackReply.AssertIsFallback(await flooder.TextAsync("x"));
            // Over the limit: silence, and once her session's read has failed, it is not read again (each read waited
            // its 3 s on the paused Redis, for the same silence).
            var readsBefore = reads!.Loads;
            for (var i = 0; i < 5; i++) Assert.Null(await flooder.TextAsync("x"));
            Assert.Equal(readsBefore + 1, reads.Loads);
        }
        finally
        {
            redis.Resume();
        }
        await RedisEngine.Of(factory.Services).GetDatabase().PingAsync();

        // A text answered again: a Twilio retry of her last answered text reads her session and gets its answer.
        Assert.NotNull(await other.TextAsync("hi"));
        Assert.Equal(answer, await flooder.TextAsync("hi", answeredSid));
    }

    private sealed class CountedReads(ISessionStore inner) : ForwardingSessionStore(inner)
    {
        private int _loads;

        public int Loads => Volatile.Read(ref _loads);

        public override Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _loads);
            return base.LoadAsync(senderKey, cancellationToken);
        }
    }
}
