using System.Net;
using System.Xml.Linq;
using System.Xml.XPath;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Voice;

/// <summary>
/// A call to the line's number, as Twilio's voice webhook sends it: a safety contact who just read "Ana has not checked
/// in" calls back the number that texted. The line had no answer for a call at all.
/// </summary>
public sealed class VoiceCallTests(TextLineFactory factory) : IClassFixture<TextLineFactory>
{
    private static Messages In(string language) => EngineHarness.Flow.Language(language).Messages;

    private static List<KeyValuePair<string, string>> Call(string from) =>
    [
        new("CallSid", "CA00000000000000000000000000000001"),
        new("AccountSid", "AC00000000000000000000000000000000"),
        new("From", from),
        new("To", "+16305559999"),
        new("CallStatus", "ringing"),
        new("Direction", "inbound"),
        new("ApiVersion", "2010-04-01"),
    ];

    [Fact]
    public async Task A_call_hears_in_english_and_spanish_that_the_line_takes_texts_only_and_911_then_it_ends()
    {
        var caller = factory.CreateTwilioClient(TestNumbers.Next());

        var response = await caller.PostAsync(Call(caller.From), VoiceEndpointPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var said = twiml.XPathSelectElements("/Response/Say").ToList();
        Assert.Equal(["en-US", "es-MX"], said.Select(say => say.Attribute("language")!.Value));
        Assert.Equal([In("en").VoiceReply, In("es").VoiceReply], said.Select(say => say.Value));
        Assert.Contains("texts only", said[0].Value);
        Assert.Contains("911", said[0].Value);
        Assert.NotNull(twiml.XPathSelectElement("/Response/Hangup"));
        Assert.Null(twiml.XPathSelectElement("/Response/Message"));
    }

    [Fact]
    public async Task A_forged_call_is_refused_like_a_forged_text()
    {
        var caller = factory.CreateTwilioClient(TestNumbers.Next());

        var response = await caller.PostAsync(Call(caller.From), VoiceEndpointPath, signature: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    private const string VoiceEndpointPath = WestmontTextLine.Voice.VoiceEndpoint.Path;
}
