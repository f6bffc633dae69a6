using System.Net;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// Texts refused for their signature: a wrong Twilio:AuthToken, or a proxy that changes the URL Twilio signed, turns
/// every text away with a 403 (texters get nothing, not even the emergency numbers). Found from outside: three such
/// texts left no line in the log and /healthz said Healthy, so the operator had nothing to go on.
/// </summary>
public sealed class RefusedSignatureTests
{
    private static async Task<HttpStatusCode> TextSignedForAsync(TextLineFactory factory, string signedUrl, string number = "+16305550611")
    {
        var twilio = factory.CreateTwilioClient(number);
        return (await twilio.PostAsync(twilio.Fields("hi", twilio.NextSid()), signedUrl: signedUrl)).StatusCode;
    }

    private static bool IsRefusalLine(string line) => line.Contains("RefusedSignatures: Webhook:", StringComparison.Ordinal);

    private static async Task<string> HealthAsync(TextLineFactory factory) =>
        await (await factory.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync();

    [Fact]
    public async Task Refused_texts_are_logged_once_a_minute_and_healthz_says_so_until_a_text_is_accepted()
    {
        await using var factory = new TextLineFactory();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Forbidden, await TextSignedForAsync(factory, "https://line.example.org/sms"));

        var logged = Assert.Single(factory.Logs.Lines, IsRefusalLine);
        Assert.StartsWith("Warning", logged);
        Assert.Contains("http://localhost/sms", logged); // the URL the line checked, to compare with the one Twilio calls
        Assert.DoesNotContain("+16305550611", logged);
        Assert.DoesNotContain(TextLineFactory.AuthToken, logged);
        var health = await HealthAsync(factory);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/healthz")).StatusCode); // still answering
        Assert.Contains("Degraded: webhook: 3 requests refused for their X-Twilio-Signature", health);
        Assert.Contains("Twilio:AuthToken", health);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Forbidden, await TextSignedForAsync(factory, "https://line.example.org/sms"));
        Assert.Equal(2, factory.Logs.Lines.Count(IsRefusalLine));

        Assert.Equal(HttpStatusCode.OK, await TextSignedForAsync(factory, TextLineFactory.BaseAddress + "/sms"));
        Assert.DoesNotContain("Degraded: webhook", await HealthAsync(factory));
    }

    [Fact]
    public async Task A_refusal_long_past_no_longer_shows_in_healthz()
    {
        await using var factory = new TextLineFactory();
        Assert.Equal(HttpStatusCode.Forbidden, await TextSignedForAsync(factory, "https://line.example.org/sms"));
        Assert.Contains("Degraded: webhook", await HealthAsync(factory));

        factory.Clock.Advance(TimeSpan.FromMinutes(11));

        Assert.DoesNotContain("Degraded: webhook", await HealthAsync(factory));
    }
}
