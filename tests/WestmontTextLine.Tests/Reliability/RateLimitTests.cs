using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Senders;

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

    [Theory]
    [InlineData("911")]
    [InlineData("I am in DANGER")]
    [InlineData("HELP ME")]
    public async Task A_sender_over_the_limit_still_gets_the_emergency_reply(string text)
    {
        await using var factory = LimitedTo(3);
        var twilio = factory.CreateTwilioClient("+16305550310");
        var emergency = EmergencyReply(factory);
        for (var i = 0; i < 4; i++) await twilio.TextAsync("x");

        Assert.Equal(emergency, await twilio.TextAsync(text));
    }

    [Fact]
    public async Task A_sender_over_the_limit_can_still_opt_out_and_back_in()
    {
        await using var factory = LimitedTo(3);
        var twilio = factory.CreateTwilioClient("+16305550311");
        for (var i = 0; i < 4; i++) await twilio.TextAsync("x");

        Assert.Contains("START", await twilio.TextAsync("STOP"));
        Assert.NotNull(await twilio.TextAsync("START"));
        await twilio.TextAsync("x");

        // Twilio's Advanced Opt-Out already answered: the line records the opt-out and stays silent from then on.
        var carrierStop = twilio.Fields("STOP", twilio.NextSid());
        carrierStop.Add(new("OptOutType", "STOP"));
        Assert.Null(TwilioClient.ReplyOf(await (await twilio.PostAsync(carrierStop)).Content.ReadAsStringAsync()));
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await twilio.TextAsync("menu"));
    }

    [Fact]
    public async Task A_twilio_retry_of_an_answered_text_gets_its_reply_even_over_the_limit()
    {
        await using var factory = LimitedTo(3);
        var twilio = factory.CreateTwilioClient("+16305550312");
        await twilio.TextAsync("hi");
        await twilio.TextAsync("x");
        var health = await twilio.TextAsync("3", "SMlimitretry00000000000000000000001");
        Assert.Null(await twilio.TextAsync("x"));

        Assert.Equal(health, await twilio.TextAsync("3", "SMlimitretry00000000000000000000001"));
    }

    [Fact]
    public async Task Urgent_texts_have_their_own_higher_cap_so_a_flood_of_them_is_still_limited()
    {
        await using var factory = LimitedTo(2);
        var twilio = factory.CreateTwilioClient("+16305550313");
        var cap = 2 * Senders.SenderRateLimiter.UrgentCapFactor;

        for (var i = 0; i < cap; i++) Assert.NotNull(await twilio.TextAsync("911"));
        Assert.Null(await twilio.TextAsync("911"));
    }

    [Theory]
    [InlineData("STOP", null)]
    [InlineData("anything", "STOP")]
    public async Task An_opt_out_past_even_the_urgent_cap_is_recorded(string body, string? carrierOptOut)
    {
        await using var factory = LimitedTo(2);
        // Under load the opt-out's write ran past the line's 3 s: it got the fallback, unrecorded, and "menu" was
        // answered. The test is about the cap letting it through, not the budget.
        factory.StorageBudget = TimeSpan.FromSeconds(60);
        var twilio = factory.CreateTwilioClient("+16305550315");
        var cap = 2 * Senders.SenderRateLimiter.UrgentCapFactor;
        for (var i = 0; i < cap; i++) Assert.NotNull(await twilio.TextAsync("911"));
        Assert.Null(await twilio.TextAsync("911"));

        var stop = twilio.Fields(body, twilio.NextSid());
        if (carrierOptOut is not null) stop.Add(new("OptOutType", carrierOptOut));
        await twilio.PostAsync(stop);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await twilio.TextAsync("menu"));
        Assert.Null(await twilio.TextAsync("STOP"));
        Assert.NotNull(await twilio.TextAsync("START"));
    }

    [Fact]
    public async Task A_throttled_sender_makes_one_log_line_a_minute()
    {
        await using var factory = LimitedTo(2);
        var twilio = factory.CreateTwilioClient("+16305550314");

        for (var i = 0; i < 12; i++) await twilio.TextAsync("x");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 12; i++) await twilio.TextAsync("x");

        Assert.Equal(2, factory.Logs.Lines.Count(line => line.Contains("over the rate limit")));
    }

    private static TextLineFactory LimitedTo(int textsPerMinute)
    {
        var factory = new TextLineFactory();
        factory.Settings["TextLine:RateLimitPerMinute"] = textsPerMinute.ToString();
        return factory;
    }

    private static string EmergencyReply(TextLineFactory factory)
    {
        var flow = factory.Services.GetRequiredService<Flow>();
        return flow.Language("en").Messages.Emergency;
    }
}
