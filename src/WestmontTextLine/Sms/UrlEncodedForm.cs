using System.Text;
using Microsoft.Extensions.Primitives;

namespace WestmontTextLine.Sms;

/// <summary>
/// A url-encoded form read straight from the body's bytes, with exactly what ASP.NET Core's
/// <c>QueryHelpers.ParseQuery</c> makes of the same body as text: the same segments (a leading '?' and empty ones
/// skipped, a name without '=' given an empty value), the same decoding ('+' as a space, then
/// <see cref="Uri.UnescapeDataString(string)"/>), names merged case-insensitively, values in order. What it saves is
/// the body as one long string, every short field copied twice and a dictionary that grows: the form was most of
/// what a text allocated. The names Twilio sends are shared strings, and looked up by number (<see cref="FormFields"/>).
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

    // Fields about the account and the request, the same text after text ("US", "2010-04-01", the account's SIDs): a
    // value equal to the last one read for its name is that same string, not a new one. Never a field of the texter's
    // (From*, To* (a status callback's To is hers), Body, the SIDs, OptOutType): nothing she sent stays in memory.
    // A loop, not Select to bool: LINQ over a struct is compiled by the JIT before the first answer.
    private static readonly bool[] ValueRepeats = Marking(TwilioNames, name => name is "ToCountry" or "NumMedia" or "SmsStatus"
        or "MessagingServiceSid" or "NumSegments" or "AccountSid" or "ApiVersion" or "MessageStatus" or "ReferralNumMedia");

    // Twilio sends the message's SID three times (MessageSid, SmsSid, SmsMessageSid): one string for the three.
    private static readonly bool[] CarriesTheSid = Marking(TwilioNames, name => name is "MessageSid" or "SmsSid" or "SmsMessageSid");

    // One per thread: no thread's value ever replaces another's between its two reads, and no locks or barriers.
    [ThreadStatic] private static string?[]? lastValues;

    internal static int TwilioNameCount => TwilioNames.Length;

    private static bool[] Marking(string[] names, Func<string, bool> marked)
    {
        var marks = new bool[names.Length];
        for (var i = 0; i < names.Length; i++) marks[i] = marked(names[i]);
        return marks;
    }

    /// <summary>The fields, or null when there are more than <paramref name="maxValues"/> values.</summary>
    public static FormFields? Parse(ReadOnlySpan<byte> body, int maxValues)
    {
        // As many places as the body has segments: a webhook's 19-24 fields, not room for 32.
        var fields = new FormFields(Math.Clamp(body.Count((byte)'&') + 1, 0, Math.Max(maxValues, 0)));
        if (!body.IsEmpty && body[0] == (byte)'?') body = body[1..];
        var values = 0;
        var sids = new SameSid();
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'&');
            var segment = end < 0 ? body : body[..end];
            body = end < 0 ? default : body[(end + 1)..];
            if (segment.IsEmpty) continue;
            if (++values > maxValues) return null;
            var equals = segment.IndexOf((byte)'=');
            var known = KnownName(equals < 0 ? segment : segment[..equals]);
            var name = known >= 0 ? TwilioNames[known] : Decode(equals < 0 ? segment : segment[..equals]);
            var encoded = equals < 0 ? default : segment[(equals + 1)..];
            var value = equals < 0 ? ""
                : known >= 0 && ValueRepeats[known] ? Repeated(known, encoded)
                : known >= 0 && CarriesTheSid[known] ? sids.Decode(encoded)
                : Decode(encoded);
            // A name written another way ("from", "F%72om") is still Twilio's, in the field of the first spelling.
            fields.Add(name, known >= 0 ? known : TwilioNameOf(name), value);
        }
        return fields;
    }

    /// <summary>The name's number among Twilio's, matched as the form matches names (ignoring case), or -1.</summary>
    internal static int TwilioNameOf(string name)
    {
        // The filters and the signature check ask with these very strings (literals, or the keys of the form itself).
        for (var i = 0; i < TwilioNames.Length; i++)
        {
            if (ReferenceEquals(TwilioNames[i], name)) return i;
        }
        for (var i = 0; i < TwilioNames.Length; i++)
        {
            if (string.Equals(TwilioNames[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    private static int KnownName(ReadOnlySpan<byte> encoded)
    {
        for (var i = 0; i < TwilioNameBytes.Length; i++)
        {
            if (encoded.SequenceEqual(TwilioNameBytes[i])) return i;
        }
        return -1;
    }

    private static string Repeated(int name, ReadOnlySpan<byte> encoded)
    {
        var lastValues = UrlEncodedForm.lastValues ??= new string?[TwilioNames.Length];
        if (lastValues[name] is { } last && System.Text.Ascii.Equals(encoded, last)) return last;
        var value = Decode(encoded);
        // Only a value that is its own encoding: then equal bytes next time mean an equal value.
        if (System.Text.Ascii.Equals(encoded, value)) lastValues[name] = value;
        return value;
    }

    /// <summary>The SID fields of one form: a value sent as the same bytes as the last one is that same string.</summary>
    private ref struct SameSid
    {
        private ReadOnlySpan<byte> _encoded;
        private string? _value;

        public string Decode(ReadOnlySpan<byte> encoded)
        {
            if (_value is not null && encoded.SequenceEqual(_encoded)) return _value;
            _encoded = encoded;
            return _value = UrlEncodedForm.Decode(encoded);
        }
    }

    private static string Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty) return "";
        // Plain ASCII with nothing to unescape reads as itself (what UnescapeDataString returns for it).
        if (System.Text.Ascii.IsValid(encoded) && encoded.IndexOfAny((byte)'%', (byte)'+') < 0) return Encoding.ASCII.GetString(encoded);
        return Uri.UnescapeDataString(Encoding.UTF8.GetString(encoded).Replace('+', ' '));
    }
}
