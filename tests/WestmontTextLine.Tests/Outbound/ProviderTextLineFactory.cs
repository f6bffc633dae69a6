using System.Xml.Linq;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// The line with its provider account set, pointed at a <see cref="FakeTwilioApi"/> that shares the webhook's auth
/// token (one account signs the webhooks and authenticates the REST calls), on SQLite or, given a Redis server, on
/// Redis. The fake clock drives the workers: advancing it runs their passes.
/// </summary>
public static class ProviderTextLine
{
    public const string LineNumber = "+16305559999";

    public static async Task<FakeTwilioApi> StartFakeAsync() => await FakeTwilioApi.StartAsync(authToken: TextLineFactory.AuthToken);

    public static T WithProvider<T>(this T factory, FakeTwilioApi fake) where T : TextLineFactory
    {
        factory.Settings["Twilio:AccountSid"] = fake.AccountSid;
        factory.Settings["Twilio:ApiBaseUrl"] = fake.BaseUrl.ToString();
        factory.Settings["Twilio:From"] = LineNumber;
        factory.Settings["Twilio:RequestValidation:BaseUrl"] = TextLineFactory.BaseAddress;
        // The pipeline's waits, short; a test that set its own keeps them.
        factory.Settings.TryAdd("Twilio:Resilience:BaseDelay", "00:00:00.010");
        factory.Settings.TryAdd("Twilio:Resilience:MaxDelay", "00:00:00.050");
        factory.Settings.TryAdd("Twilio:Resilience:MaxRetryAfter", "00:00:00.100");
        return factory;
    }

    /// <summary>Texts the line and, as Twilio would, reports the reply delivered to its status callback under a SID of its own.</summary>
    public static async Task<(string InboundSid, string? ReplySid)> TextAndDeliverAsync(
        TwilioClient twilio, FakeTwilioApi fake, string body, string status = "delivered", int? errorCode = null)
    {
        var inboundSid = twilio.NextSid();
        fake.AddMessage(twilio.From, LineNumber, body, sid: inboundSid);
        var response = await twilio.PostAsync(twilio.Fields(body, inboundSid));
        var message = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message");
        if (message is null) return (inboundSid, null);
        var reply = fake.AddMessage(LineNumber, twilio.From, message.Value, status, "outbound-reply");
        var callback = message.Attribute("action")!.Value;
        Assert.Equal("POST", message.Attribute("method")!.Value);
        await ReportAsync(twilio, callback, reply.Sid, status, errorCode);
        return (inboundSid, reply.Sid);
    }

    /// <summary>A signed status callback to the given URL (as the reply's action named it).</summary>
    public static async Task<HttpResponseMessage> ReportAsync(TwilioClient twilio, string callbackUrl, string sid, string status, int? errorCode = null)
    {
        var uri = new Uri(callbackUrl);
        List<KeyValuePair<string, string>> fields =
        [
            new("MessageSid", sid), new("MessageStatus", status), new("SmsSid", sid), new("SmsStatus", status),
            new("To", twilio.From), new("From", LineNumber), new("AccountSid", FakeTwilioApi.DefaultAccountSid), new("ApiVersion", "2010-04-01"),
        ];
        if (errorCode is { } code) fields.Add(new("ErrorCode", code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return await twilio.PostAsync(fields, uri.PathAndQuery, signedUrl: callbackUrl);
    }
}
