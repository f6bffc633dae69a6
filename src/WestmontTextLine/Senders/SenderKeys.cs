using System.Security.Cryptography;
using System.Text;

namespace WestmontTextLine.Senders;

/// <summary>
/// Turns a phone number into the key its session is stored under: HMAC-SHA256 under the privacy key. Without the
/// key, the stored hashes cannot be matched back to numbers by hashing every possible number.
/// </summary>
public sealed class SenderKeys(byte[] privacyKey)
{
    public string KeyOf(string phoneNumber)
    {
        var normalized = Normalize(phoneNumber);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(privacyKey, Encoding.UTF8.GetBytes(normalized), hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The few characters of a key that logs may carry to follow one conversation.</summary>
    public static string LogPrefix(string senderKey) => senderKey[..8];

    // "+1 (630) 555-0100" and "+16305550100" are the same sender.
    private static string Normalize(string phoneNumber)
    {
        var builder = new StringBuilder(phoneNumber.Length);
        foreach (var c in phoneNumber.Trim())
        {
            if (char.IsAsciiDigit(c) || (c == '+' && builder.Length == 0)) builder.Append(c);
            else if (char.IsLetter(c) || c == ':') builder.Append(char.ToLowerInvariant(c)); // e.g. "whatsapp:+1..."
        }
        return builder.ToString();
    }
}
