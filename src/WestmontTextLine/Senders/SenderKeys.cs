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
        Span<byte> hash = stackalloc byte[32];
        var normalized = phoneNumber.Length <= 64 ? stackalloc byte[phoneNumber.Length] : new byte[phoneNumber.Length];
        var length = NormalizeAscii(phoneNumber, normalized);
        HMACSHA256.HashData(privacyKey, length >= 0 ? normalized[..length] : Encoding.UTF8.GetBytes(Normalize(phoneNumber)), hash);
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

    /// <summary>
    /// <see cref="Normalize"/> into UTF-8 without a string, for every number but one with a letter outside ASCII
    /// (then -1): each character it keeps is one byte.
    /// </summary>
    private static int NormalizeAscii(string phoneNumber, Span<byte> normalized)
    {
        var length = 0;
        foreach (var c in phoneNumber.AsSpan().Trim())
        {
            if (char.IsAsciiDigit(c) || (c == '+' && length == 0)) normalized[length++] = (byte)c;
            else if (char.IsAsciiLetter(c) || c == ':') normalized[length++] = (byte)char.ToLowerInvariant(c);
            else if (char.IsLetter(c)) return -1;
        }
        return length;
    }
}
