using System.Net;
using System.Xml.Linq;
using System.Xml.XPath;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Web;

public class WebhookTests : IClassFixture<TextLineFactory>
{
    private readonly TextLineFactory _factory;

    public WebhookTests(TextLineFactory factory) => _factory = factory;

    private static string NewNumber() => TestNumbers.Next();

    [Fact]
    public async Task Signed_texts_walk_the_menu_to_an_answer_in_TwiML()
    {
        var twilio = _factory.CreateTwilioClient(NewNumber());

        var response = await twilio.PostAsync(twilio.Fields("Hi", twilio.NextSid()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Single(twiml.XPathSelectElements("/Response/Message"));
        Assert.Contains("Westmont Text Line", twiml.XPathSelectElement("/Response/Message")!.Value);

        Assert.Contains("Pick a topic", await twilio.TextAsync("3"));
        var answer = await twilio.TextAsync("1");
        Assert.Equal(MenuReplies.After(3, 1), answer);
    }

    [Fact]
    public async Task A_forged_signature_is_refused_with_an_empty_403_and_no_state_change()
    {
        var twilio = _factory.CreateTwilioClient(NewNumber());
        await twilio.TextAsync("Hi");

        var forged = await twilio.PostAsync(twilio.Fields("3", twilio.NextSid()), signature: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("", await forged.Content.ReadAsStringAsync());

        var signedForAnotherToken = twilio.Fields("3", twilio.NextSid());
        var wrongToken = await twilio.PostAsync(signedForAnotherToken,
            signature: TwilioTestSigner.Sign("another-token", TextLineFactory.BaseAddress + "/sms", signedForAnotherToken));
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);

        // Still at the main menu: "9" there is not understood, where after a "3" it would have been.
        var reply = await twilio.TextAsync("9");
        Assert.Contains("did not understand", reply);
        Assert.Contains("Main menu", reply);
    }

    [Fact]
    public async Task An_unsigned_request_is_refused()
    {
        var client = _factory.CreateClient();
        var response = await client.PostAsync("/sms", new FormUrlEncodedContent([new("From", "+16305550111"), new("Body", "Hi")]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_tampered_body_is_refused()
    {
        var twilio = _factory.CreateTwilioClient(NewNumber());
        var fields = twilio.Fields("1", twilio.NextSid());
        var signature = TwilioTestSigner.Sign(TextLineFactory.AuthToken, TextLineFactory.BaseAddress + "/sms", fields);
        fields[3] = new("Body", "2");

        Assert.Equal(HttpStatusCode.Forbidden, (await twilio.PostAsync(fields, signature: signature)).StatusCode);
    }

    [Fact]
    public async Task A_request_signed_with_hmac_sha256_settings_is_refused()
    {
        var twilio = _factory.CreateTwilioClient(NewNumber());
        var fields = twilio.Fields("Hi", twilio.NextSid());
        var request = new HttpRequestMessage(HttpMethod.Post, "/sms") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-Twilio-Signature", TwilioTestSigner.Sign(TextLineFactory.AuthToken, TextLineFactory.BaseAddress + "/sms", fields));
        request.Headers.Add("X-Twilio-Webhooks-Signature-Settings", "hmac-sha256");

        Assert.Equal(HttpStatusCode.Forbidden, (await twilio.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_signed_request_without_From_is_a_400()
    {
        var twilio = _factory.CreateTwilioClient(NewNumber());
        var fields = twilio.Fields("Hi", twilio.NextSid()).Where(f => f.Key != "From").ToList();

        var response = await twilio.PostAsync(fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_request_that_is_not_a_form_is_a_400()
    {
        var client = _factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/sms")
        {
            Content = new StringContent("{\"From\":\"+16305550100\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Twilio-Signature", TwilioTestSigner.Sign(TextLineFactory.AuthToken, TextLineFactory.BaseAddress + "/sms", []));

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_signed_url_includes_the_query_string()
    {
        var twilio = _factory.CreateTwilioClient(NewNumber());
        var fields = twilio.Fields("Hi", twilio.NextSid());

        var signedWithQuery = await twilio.PostAsync(fields, path: "/sms?campaign=a%20b&x=1");
        Assert.Equal(HttpStatusCode.OK, signedWithQuery.StatusCode);

        var signedWithoutQuery = await twilio.PostAsync(fields, path: "/sms?campaign=a%20b&x=1", signedUrl: TextLineFactory.BaseAddress + "/sms");
        Assert.Equal(HttpStatusCode.Forbidden, signedWithoutQuery.StatusCode);
    }

    [Fact]
    public async Task Health_is_ok_when_flows_and_store_are()
    {
        var response = await _factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_reply_never_echoes_the_texters_words()
    {
        var twilio = _factory.CreateTwilioClient(NewNumber());
        var reply = await twilio.TextAsync("<script>alert('x')</script> & ]]>");

        Assert.DoesNotContain("script", reply);
        Assert.DoesNotContain("]]>", reply);
    }
}
