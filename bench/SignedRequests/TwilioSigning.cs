using System.Security.Cryptography;
using System.Text;

namespace WestmontTextLine.Bench;

/// <summary>
/// X-Twilio-Signature as Twilio computes it: base64(HMAC-SHA1(token, URL + each key and value, keys sorted)).
/// Written here again, not taken from the line, so the line's check is tested by an independent signer.
/// </summary>
public sealed class TwilioSigning(string token, string url)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(token);

    public string Sign(IEnumerable<KeyValuePair<string, string>> fields) => Sign(_key, url, fields);

    private static string Sign(byte[] key, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var signed = new StringBuilder(url);
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal)) signed.Append(name).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(signed.ToString())));
    }

    /// <summary>Twilio's published test vector.</summary>
    public static bool SelfCheck(out string problem)
    {
        var fields = new Dictionary<string, string>
        {
            ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+14158675309", ["Digits"] = "1234",
            ["From"] = "+14158675309", ["To"] = "+18005551212",
        };
        var signature = Sign(Encoding.UTF8.GetBytes("12345"), "https://mycompany.com/myapp.php?foo=1&bar=2", fields);
        problem = signature == "RSOYDt4T1cUTdK1PDd93/VVr8B8=" ? "" : $"got {signature} for Twilio's published vector";
        return problem.Length == 0;
    }
}
