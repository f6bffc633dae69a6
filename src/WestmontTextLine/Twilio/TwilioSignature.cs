using System.Security.Cryptography;
using System.Text;
using global::Twilio.Security;

namespace WestmontTextLine.Twilio;

/// <summary>
/// X-Twilio-Signature: checked with Twilio's own RequestValidator, over every field received; and made, for the
/// line's own in-process requests (the start-up warm-up).
/// </summary>
public static class TwilioSignature
{
    /// <summary>base64(HMAC-SHA1(token, URL + each key and its value, keys sorted)), as Twilio signs a webhook.</summary>
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> fields)
    {
        var signed = new StringBuilder(url);
        foreach (var (key, value) in SigningParameters(fields).OrderBy(p => p.Key, StringComparer.Ordinal)) signed.Append(key).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(signed.ToString())));
    }

    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> fields, string? signature)
    {
        // RequestValidator throws on an empty signature; a missing signature is simply not valid.
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken)) return false;
        var validator = ValidatorFor(authToken);
        var parameters = SigningParameters(fields);
        if (validator.Validate(url, parameters, signature)) return true;
        // RequestValidator adds a missing default port but does not drop one that is there (Twilio 8.2.0).
        return WithoutDefaultPort(url) is { } withoutPort && validator.Validate(withoutPort, parameters, signature);
    }

    // RequestValidator's HMAC is not thread-safe. Validate runs start to end on one thread with no await, so one
    // validator per thread is safe, and spares each request building an HMAC of its own.
    [ThreadStatic]
    private static (string Token, RequestValidator Validator)? _threadValidator;

    private static RequestValidator ValidatorFor(string authToken)
    {
        if (_threadValidator is { } cached && cached.Token == authToken) return cached.Validator;
        var validator = new RequestValidator(authToken);
        _threadValidator = (authToken, validator);
        return validator;
    }

    private static string? WithoutDefaultPort(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsDefaultPort) return null;
        var hostAndPort = $"{uri.Host}:{uri.Port}";
        var at = url.IndexOf(hostAndPort, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : url[..at] + uri.Host + url[(at + hostAndPort.Length)..];
    }

    /// <summary>
    /// Twilio signs each key followed by its value, keys sorted, and a repeated key once per value, values sorted.
    /// RequestValidator takes one value per key and appends key then value, so a repeated key's later values are
    /// folded into its value as "v1" + "key" + "v2": the signed text comes out the same.
    /// </summary>
    public static Dictionary<string, string> SigningParameters(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> fields)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in fields)
        {
            if (values.Count == 1)
            {
                parameters[key] = values[0];
                continue;
            }
            var sorted = values.Order(StringComparer.Ordinal).ToArray();
            parameters[key] = string.Join(key, sorted);
        }
        return parameters;
    }
}
