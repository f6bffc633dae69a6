using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Reliability;

public class RateLimitTests
{
    [Fact]
    public async Task A_sender_over_the_limit_gets_an_empty_response_and_others_are_not_affected()
    {
        await using var factory = new TextLineFactory();
        factory.Settings["TextLine:RateLimitPerMinute"] = "5";
        var flooder = factory.CreateTwilioClient("+16305550300");
        var other = factory.CreateTwilioClient("+16305550301");

        for (var i = 0; i < 5; i++) Assert.NotNull(await flooder.TextAsync("x"));
        Assert.Null(await flooder.TextAsync("x"));
        Assert.Null(await flooder.TextAsync("3"));
        Assert.NotNull(await other.TextAsync("hi"));

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(await flooder.TextAsync("menu"));
    }
}
