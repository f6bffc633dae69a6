using System.Text;

namespace WestmontTextLine.Bench;

/// <summary>One raw HTTP/1.1 request as Twilio sends a text: the 19 fields of a real SMS webhook, signed.</summary>
public static class WebhookRequest
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string LineNumber = "+16305551234";

    public static byte[] Build(Uri url, TwilioSigning signer, string from, string body, string messageSid)
    {
        // In the order Twilio sends them.
        KeyValuePair<string, string>[] fields =
        [
            new("ToCountry", "US"), new("ToState", "IL"), new("SmsMessageSid", messageSid), new("NumMedia", "0"),
            new("ToCity", "WESTMONT"), new("FromZip", "60559"), new("SmsSid", messageSid), new("FromState", "IL"),
            new("SmsStatus", "received"), new("FromCity", "WESTMONT"), new("Body", body), new("FromCountry", "US"),
            new("To", LineNumber), new("ToZip", "60559"), new("NumSegments", "1"), new("MessageSid", messageSid),
            new("AccountSid", AccountSid), new("From", from), new("ApiVersion", "2010-04-01"),
        ];
        var form = string.Join('&', fields.Select(f => Encode(f.Key) + "=" + Encode(f.Value)));
        var formBytes = Encoding.UTF8.GetBytes(form);
        var head = new StringBuilder()
            .Append("POST ").Append(url.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(url.Authority).Append("\r\n")
            .Append("User-Agent: TwilioProxy/1.1\r\n")
            .Append("Accept: */*\r\n")
            .Append("Content-Type: application/x-www-form-urlencoded\r\n")
            .Append("X-Twilio-Signature: ").Append(signer.Sign(fields)).Append("\r\n")
            .Append("I-Twilio-Idempotency-Token: ").Append(messageSid).Append("\r\n")
            .Append("Content-Length: ").Append(formBytes.Length).Append("\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. formBytes];
    }

    // Form encoding as Twilio's: spaces as +, everything but unreserved characters escaped.
    private static string Encode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
