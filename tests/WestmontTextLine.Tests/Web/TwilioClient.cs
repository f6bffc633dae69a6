using System.Xml.Linq;

namespace WestmontTextLine.Tests.Web;

/// <summary>Sends texts to /sms as Twilio would: form-encoded, with a correct X-Twilio-Signature.</summary>
public sealed class TwilioClient(HttpClient http, string from)
{
    // Shared by every client in the test run: Twilio never gives two texts one MessageSid, and the line remembers
    // recent ones, so a second client for the same number must not repeat the first one's.
    private static int s_messageNumber;

    public HttpClient Http => http;
    public string From => from;

    public async Task<string?> TextAsync(string body, string? messageSid = null)
    {
        var response = await PostAsync(Fields(body, messageSid ?? NextSid()));
        response.EnsureSuccessStatusCode();
        return ReplyOf(await response.Content.ReadAsStringAsync());
    }

    public List<KeyValuePair<string, string>> Fields(string body, string messageSid) =>
    [
        new("ToCountry", "US"),
        new("SmsMessageSid", messageSid),
        new("NumMedia", "0"),
        new("Body", body),
        new("From", from),
        new("To", "+16305559999"),
        new("MessageSid", messageSid),
        new("AccountSid", "AC00000000000000000000000000000000"),
        new("ApiVersion", "2010-04-01"),
    ];

    public string NextSid() => $"SM{from.GetHashCode():x8}{Interlocked.Increment(ref s_messageNumber):D24}";

    public Task<HttpResponseMessage> PostAsync(
        IEnumerable<KeyValuePair<string, string>> fields, string path = "/sms", string? signature = null, string? signedUrl = null)
    {
        var list = fields.ToList();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(list) };
        request.Headers.Add("X-Twilio-Signature",
            signature ?? TwilioTestSigner.Sign(TextLineFactory.AuthToken, signedUrl ?? TextLineFactory.BaseAddress + path, list));
        return http.SendAsync(request);
    }

    /// <summary>The text of the reply's Message, or null for an empty Response.</summary>
    public static string? ReplyOf(string twiml)
    {
        var response = XDocument.Parse(twiml).Root!;
        Assert.Equal("Response", response.Name.LocalName);
        var message = response.Element("Message");
        return message?.Value;
    }
}
