using System.Net;
using WestmontTextLine.Twilio;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// Twilio:RequestValidation:BaseUrl is the start of the URL every text's signature is checked against: a value that
/// cannot be that would turn away every genuine text (403) while /healthz says Healthy, so start-up refuses it.
/// </summary>
public class BaseUrlSettingTests
{
    private const string Setting = "Twilio:RequestValidation:BaseUrl";

    private static TextLineFactory Factory(string baseUrl)
    {
        var factory = new TextLineFactory();
        factory.Settings[Setting] = baseUrl;
        return factory;
    }

    private static async Task<HttpStatusCode> TextSignedForAsync(TextLineFactory factory, string signedUrl)
    {
        var twilio = factory.CreateTwilioClient("+16305550510");
        return (await twilio.PostAsync(twilio.Fields("hi", twilio.NextSid()), signedUrl: signedUrl)).StatusCode;
    }

    [Theory]
    [InlineData("line.example.org", "is not an absolute http or https URL")]
    [InlineData("abc", "is not an absolute http or https URL")]
    [InlineData("ftp://x", "is not an absolute http or https URL")]
    [InlineData("/line", "is not an absolute http or https URL")]
    [InlineData("https://line.example.org/?to=line", "must not carry a query or a fragment")]
    [InlineData("https://line.example.org/#sms", "must not carry a query or a fragment")]
    [InlineData("https://line.example.org/sms", "must not end in /sms: the line adds /sms and /sms/status itself")]
    [InlineData("https://line.example.org/SMS/", "must not end in /sms: the line adds /sms and /sms/status itself")]
    [InlineData("https://example.org/line/sms/status", "must not end in /sms")]
    public void A_base_url_the_signature_cannot_be_checked_against_stops_start_up_and_names_itself(string baseUrl, string reason)
    {
        using var factory = Factory(baseUrl);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var message = error.ToString();
        if (!message.Contains($"{Setting} '{baseUrl}' {reason}", StringComparison.Ordinal)) Assert.Fail($"Expected \"{reason}\" in:\n{message}");
        Assert.Contains("e.g. https://line.example.org", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://line.example.org")]
    [InlineData("https://line.example.org/")]
    [InlineData("http://10.0.0.5:8080")]
    [InlineData("https://example.org/line")]
    [InlineData("https://example.org/smsline/")]
    public void A_public_url_with_or_without_a_path_prefix_can_be_used(string baseUrl) => Assert.Null(TwilioBaseUrl.Problem(baseUrl));

    [Fact]
    public void A_password_in_the_base_url_is_not_repeated_in_the_message()
    {
        var problem = TwilioBaseUrl.Problem("https://user:s3cret@line.example.org/sms");

        Assert.NotNull(problem);
        Assert.DoesNotContain("s3cret", problem);
        Assert.Contains("'https://…@line.example.org/sms' must not end in /sms", problem);
    }

    [Fact]
    public async Task A_path_prefix_a_proxy_serves_the_line_under_is_part_of_the_validated_url()
    {
        await using var factory = Factory("https://example.org/line/");

        Assert.Equal(HttpStatusCode.OK, await TextSignedForAsync(factory, "https://example.org/line/sms"));
        Assert.Equal(HttpStatusCode.Forbidden, await TextSignedForAsync(factory, "https://example.org/sms"));
    }

    [Fact]
    public async Task Spaces_around_the_base_url_are_not_part_of_the_validated_url()
    {
        await using var factory = Factory(" https://line.example.org ");

        Assert.Equal(HttpStatusCode.OK, await TextSignedForAsync(factory, "https://line.example.org/sms"));
    }
}
