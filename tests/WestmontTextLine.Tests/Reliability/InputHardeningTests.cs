using System.Net;
using System.Xml.Linq;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Reliability;

public class InputHardeningTests : IClassFixture<TextLineFactory>
{
    private readonly TextLineFactory _factory;

    public InputHardeningTests(TextLineFactory factory) => _factory = factory;

    public static TheoryData<string> HostileBodies() =>
    [
        "",
        new string('a', 1600),
        "\U0001F600\U0001F525 help? \U0001F64F",
        "nul\0byte\u0001\u0002\u001b[31m",
        "<Message>x</Message>]]><!-- & \"' </Response>",
        "\u202Eevil\u200F\u200E rtl",
        "line\r\nbreaks\u2028and\u2029more\n\n\r",
        "\uD800 lone surrogate",
        "%00%0d%0a",
    ];

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task Any_body_gets_a_well_formed_gsm7_reply_that_does_not_echo_it(string body)
    {
        var twilio = _factory.CreateTwilioClient(TestNumbers.Next());
        await twilio.TextAsync("hi");

        var response = await twilio.PostAsync(twilio.Fields(body, twilio.NextSid()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var reply = xml.Root!.Element("Message")!.Value;
        Assert.True(SmsText.IsGsm7(reply));
        Assert.True(SmsText.Segments(reply) <= SmsText.MaxSegments);
        if (body.Length > 3) Assert.DoesNotContain(body, reply);
    }

    [Fact]
    public async Task A_body_over_64_KB_is_a_413()
    {
        var twilio = _factory.CreateTwilioClient("+16305550200");
        var fields = twilio.Fields(new string('a', 70 * 1024), twilio.NextSid());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await twilio.PostAsync(fields)).StatusCode);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("--x\r\nContent-Disposition: form-data; name=\"From\"\r\n\r\n+16305550202\r\n--x--\r\n")]
    public async Task A_multipart_body_whole_or_broken_is_never_read_as_a_text(string body)
    {
        var client = _factory.CreateClient();
        var content = new StringContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        var unsigned = new HttpRequestMessage(HttpMethod.Post, "/sms") { Content = content };
        unsigned.Headers.Add("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(unsigned)).StatusCode);

        // Twilio sends url-encoded forms only: anything else has no fields, so even a valid signature over none gets a 400.
        var signed = new HttpRequestMessage(HttpMethod.Post, "/sms") { Content = new StringContent(body) };
        signed.Content.Headers.ContentType = content.Headers.ContentType;
        signed.Headers.Add("X-Twilio-Signature", TwilioTestSigner.Sign(TextLineFactory.AuthToken, TextLineFactory.BaseAddress + "/sms", []));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(signed)).StatusCode);
    }

    [Fact]
    public async Task Too_many_fields_is_a_400_not_a_500()
    {
        var twilio = _factory.CreateTwilioClient("+16305550201");
        var fields = twilio.Fields("hi", twilio.NextSid());
        fields.AddRange(Enumerable.Range(0, 200).Select(i => new KeyValuePair<string, string>($"X{i}", "1")));

        Assert.Equal(HttpStatusCode.BadRequest, (await twilio.PostAsync(fields)).StatusCode);
    }

    [Fact]
    public async Task A_repeated_field_is_signed_value_by_value()
    {
        var twilio = _factory.CreateTwilioClient("+16305550202");
        var fields = twilio.Fields("hi", twilio.NextSid());
        fields.Add(new("MediaUrl0", "https://example.org/b"));
        fields.Add(new("MediaUrl0", "https://example.org/a"));

        Assert.Equal(HttpStatusCode.OK, (await twilio.PostAsync(fields)).StatusCode);
    }
}
