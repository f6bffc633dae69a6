using System.Text;
using Microsoft.Extensions.Primitives;

namespace WestmontTextLine.Sms;

/// <summary>
/// A url-encoded form read straight from the body's bytes, with exactly what ASP.NET Core's
/// <c>QueryHelpers.ParseQuery</c> makes of the same body as text: the same segments (a leading '?' and empty ones
/// skipped, a name without '=' given an empty value), the same decoding ('+' as a space, then
/// <see cref="Uri.UnescapeDataString(string)"/>), names merged case-insensitively, values in order. What it saves is
/// the body as one long string, every short field copied twice and a dictionary that grows: the form was most of
/// what a text allocated. The names Twilio sends are shared strings.
/// </summary>
public static class UrlEncodedForm
{
    private static readonly string[] TwilioNames =
    [
        "ToCountry", "ToState", "SmsMessageSid", "NumMedia", "ToCity", "FromZip", "SmsSid", "FromState", "SmsStatus",
        "FromCity", "Body", "FromCountry", "To", "MessagingServiceSid", "ToZip", "NumSegments", "MessageSid", "AccountSid",
        "From", "ApiVersion", "OptOutType", "MessageStatus", "ErrorCode", "ReferralNumMedia",
    ];

    private static readonly byte[][] TwilioNameBytes = [.. TwilioNames.Select(Encoding.ASCII.GetBytes)];

    /// <summary>The fields, or null when there are more than <paramref name="maxValues"/> values.</summary>
    public static Dictionary<string, StringValues>? Parse(ReadOnlySpan<byte> body, int maxValues)
    {
        var fields = new Dictionary<string, StringValues>(TwilioNames.Length, StringComparer.OrdinalIgnoreCase);
        if (!body.IsEmpty && body[0] == (byte)'?') body = body[1..];
        var values = 0;
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'&');
            var segment = end < 0 ? body : body[..end];
            body = end < 0 ? default : body[(end + 1)..];
            if (segment.IsEmpty) continue;
            if (++values > maxValues) return null;
            var equals = segment.IndexOf((byte)'=');
            var name = equals < 0 ? Name(segment) : Name(segment[..equals]);
            var value = equals < 0 ? "" : Decode(segment[(equals + 1)..]);
            fields[name] = fields.TryGetValue(name, out var earlier) ? StringValues.Concat(earlier, value) : new StringValues(value);
        }
        return fields;
    }

    private static string Name(ReadOnlySpan<byte> encoded)
    {
        for (var i = 0; i < TwilioNameBytes.Length; i++)
        {
            if (encoded.SequenceEqual(TwilioNameBytes[i])) return TwilioNames[i];
        }
        return Decode(encoded);
    }

    private static string Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty) return "";
        // Plain ASCII with nothing to unescape reads as itself (what UnescapeDataString returns for it).
        if (System.Text.Ascii.IsValid(encoded) && encoded.IndexOfAny((byte)'%', (byte)'+') < 0) return Encoding.ASCII.GetString(encoded);
        return Uri.UnescapeDataString(Encoding.UTF8.GetString(encoded).Replace('+', ' '));
    }
}
