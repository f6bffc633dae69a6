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
}
