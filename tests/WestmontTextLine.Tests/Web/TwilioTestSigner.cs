using System.Security.Cryptography;
using System.Text;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// Signs requests the way Twilio does, written from Twilio's description and independent of the app's code:
/// base64(HMAC-SHA1(token, url + every key and value, keys sorted, a repeated key once per value, values sorted)).
/// </summary>
public static class TwilioTestSigner
{
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var data = new StringBuilder(url);
        foreach (var group in fields.GroupBy(f => f.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var value in group.Select(f => f.Value).Order(StringComparer.Ordinal)) data.Append(group.Key).Append(value);
        }
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString())));
    }
}
