using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace WestmontTextLine.Twilio;

/// <summary>
/// X-Twilio-Signature: base64(HMAC-SHA1(token, URL + each key and its value, keys sorted; a repeated key once per
/// value, values sorted)). Checked here over every field received, for the URL as rebuilt and, as Twilio's own
/// helpers do, for the same URL with its port dropped or its default port added; and made, for the line's own in-process
/// requests (the start-up warm-up). Checked once per text, so the signed text is written into a pooled buffer and
/// hashed with an HMAC kept per thread, instead of through Twilio's RequestValidator (strings, a dictionary, a new
/// HMAC each time).
/// </summary>
public static class TwilioSignature
{
    private const int HashBytes = 20;

    /// <summary>The signature Twilio would send for this form at this URL, made from the same bytes IsValid checks.</summary>
    public static string Sign(string authToken, string url, IFormCollection form)
    {
        var buffer = SignedFields(form, out var length);
        try
        {
            Span<byte> hash = stackalloc byte[HashBytes];
            Hash(HmacFor(authToken), url, buffer, length, hash);
            return Convert.ToBase64String(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> fields, string? signature) =>
        IsValid(authToken, url, new FormCollection(fields.ToDictionary(f => f.Key, f => new StringValues(f.Value.ToArray()))), signature);

    public static bool IsValid(string authToken, string url, IFormCollection form, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken)) return false;
        Span<byte> expected = stackalloc byte[HashBytes];
        if (!Convert.TryFromBase64String(signature, expected, out var written) || written != HashBytes) return false;
        var buffer = SignedFields(form, out var length);
        try
        {
            var hmac = HmacFor(authToken);
            Span<byte> actual = stackalloc byte[HashBytes];
            if (Matches(hmac, url, buffer, length, actual, expected)) return true;
            // Only a signature that failed pays for the other form of the URL.
            var other = OtherFormOf(url);
            return other is not null && Matches(hmac, other, buffer, length, actual, expected);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The form's part of the signed text, in a pooled buffer the caller returns: its first <paramref name="length"/> bytes.</summary>
    private static byte[] SignedFields(IFormCollection form, out int length)
    {
        // Keys as strings, sorted by the shared code for reference types that ships compiled ahead of time: a sort of
        // (key, values) pairs would be compiled on the first text, on the cold-start path.
        var rented = ArrayPool<string>.Shared.Rent(form.Count);
        try
        {
            var count = 0;
            foreach (var field in form) rented[count++] = field.Key;
            var keys = rented.AsSpan(0, count);
            keys.Sort(string.CompareOrdinal);
            var buffer = ArrayPool<byte>.Shared.Rent(SignedLength(form, keys));
            length = WriteFields(form, keys, buffer);
            return buffer;
        }
        finally
        {
            ArrayPool<string>.Shared.Return(rented, clearArray: true);
        }
    }

    private static int SignedLength(IFormCollection form, ReadOnlySpan<string> keys)
    {
        var length = 0;
        foreach (var key in keys)
        {
            foreach (var value in form[key]) length += Encoding.UTF8.GetMaxByteCount(key.Length + (value?.Length ?? 0));
        }
        return Math.Max(length, 1);
    }

    private static int WriteFields(IFormCollection form, ReadOnlySpan<string> keys, byte[] buffer)
    {
        var length = 0;
        foreach (var key in keys)
        {
            var values = form[key];
            if (values.Count == 1)
            {
                length += Encoding.UTF8.GetBytes(key, buffer.AsSpan(length));
                length += Encoding.UTF8.GetBytes(values[0] ?? "", buffer.AsSpan(length));
                continue;
            }
            var sorted = values.ToArray();
            Array.Sort(sorted, StringComparer.Ordinal);
            foreach (var value in sorted)
            {
                length += Encoding.UTF8.GetBytes(key, buffer.AsSpan(length));
                length += Encoding.UTF8.GetBytes(value ?? "", buffer.AsSpan(length));
            }
        }
        return length;
    }

    private static bool Matches(IncrementalHash hmac, string url, byte[] fields, int length, Span<byte> actual, ReadOnlySpan<byte> expected)
    {
        Hash(hmac, url, fields, length, actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static void Hash(IncrementalHash hmac, string url, byte[] fields, int length, Span<byte> hash)
    {
        var urlLength = Encoding.UTF8.GetMaxByteCount(url.Length);
        var encodedUrl = urlLength <= 1024 ? stackalloc byte[urlLength] : new byte[urlLength];
        hmac.AppendData(encodedUrl[..Encoding.UTF8.GetBytes(url, encodedUrl)]);
        hmac.AppendData(fields, 0, length);
        hmac.GetHashAndReset(hash);
    }

    /// <summary>
    /// The URL as Twilio's helpers also try it: with any port it names dropped (Twilio has signed a URL on a port
    /// other than 443 or 80 without it), or with its scheme's default port added when it names none.
    /// </summary>
    private static string? OtherFormOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var hostAndPort = $"{uri.Host}:{uri.Port}";
        var at = url.IndexOf(hostAndPort, StringComparison.OrdinalIgnoreCase);
        if (at >= 0) return url[..at] + uri.Host + url[(at + hostAndPort.Length)..];
        var hostAt = url.IndexOf(uri.Host, StringComparison.OrdinalIgnoreCase);
        return hostAt < 0 ? null : url[..(hostAt + uri.Host.Length)] + ":" + uri.Port + url[(hostAt + uri.Host.Length)..];
    }

    // An HMAC is not thread-safe; IsValid and Sign run start to end on one thread with no await, so one per thread is safe.
    [ThreadStatic]
    private static (string Token, IncrementalHash Hmac)? _threadHmac;

    private static IncrementalHash HmacFor(string authToken)
    {
        if (_threadHmac is { } cached && cached.Token == authToken) return cached.Hmac;
        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, Encoding.UTF8.GetBytes(authToken));
        _threadHmac?.Hmac.Dispose();
        _threadHmac = (authToken, hmac);
        return hmac;
    }
}
