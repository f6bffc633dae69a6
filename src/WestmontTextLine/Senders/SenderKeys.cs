using System.Security.Cryptography;
using System.Text;

namespace WestmontTextLine.Senders;

/// <summary>
/// Turns a phone number into the key its session is stored under: HMAC-SHA256 under the privacy key. Without the
/// key, the stored hashes cannot be matched back to numbers by hashing every possible number.
/// </summary>
public sealed class SenderKeys(byte[] privacyKey)
{
    // A number or a channel address ("whatsapp:+1..."): on the stack; anything longer is still keyed, from the heap.
    private const int StackChars = 64;

    public string KeyOf(string phoneNumber)
    {
        var chars = phoneNumber.Length <= StackChars ? stackalloc char[StackChars] : new char[phoneNumber.Length];
        var normalized = chars[..Normalize(phoneNumber, chars)];
        var maxBytes = Encoding.UTF8.GetMaxByteCount(normalized.Length);
        var utf8 = maxBytes <= 4 * StackChars ? stackalloc byte[4 * StackChars] : new byte[maxBytes];
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(privacyKey, utf8[..Encoding.UTF8.GetBytes(normalized, utf8)], hash);
        return Convert.ToHexStringLower(hash);
    }

    // "+1 (630) 555-0100" and "+16305550100" are the same sender. Returns the length written.
    private static int Normalize(string phoneNumber, Span<char> normalized)
    {
        var length = 0;
        foreach (var c in phoneNumber.AsSpan().Trim())
        {
            if (char.IsAsciiDigit(c) || (c == '+' && length == 0)) normalized[length++] = c;
            else if (char.IsLetter(c) || c == ':') normalized[length++] = char.ToLowerInvariant(c); // e.g. "whatsapp:+1..."
        }
        return length;
    }
}
