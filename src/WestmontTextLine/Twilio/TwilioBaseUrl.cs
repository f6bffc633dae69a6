using System.Text.RegularExpressions;

namespace WestmontTextLine.Twilio;

/// <summary>
/// Twilio:RequestValidation:BaseUrl, checked at start: every text's signature is checked against this URL with /sms
/// after it, so a value that cannot be the start of the URL Twilio calls would turn every genuine text away (403)
/// while the line looks healthy. A path prefix stays allowed: a proxy may serve the line under one and strip it.
/// </summary>
public static class TwilioBaseUrl
{
    public const string Setting = "Twilio:RequestValidation:BaseUrl";
    public const string Example = "https://line.example.org";

    private static readonly string[] PathsTheLineAdds = ["/sms/status", "/sms"];

    /// <summary>Why the line cannot use this base URL, or null when it can. Empty means each request's own URL.</summary>
    public static string? Problem(string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(baseUrl)) return null;
        var shown = Shown(baseUrl);
        if (baseUrl.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return $"{Setting} '{shown}' must not hold spaces or line breaks: set the public URL Twilio calls, without /sms, e.g. {Example}.";
        }
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"{Setting} '{shown}' is not an absolute http or https URL: set the public URL Twilio calls, without /sms, " +
                $"e.g. {Example}, or leave it empty to use each request's own URL.";
        }
        if (baseUrl.IndexOfAny(['?', '#']) >= 0)
        {
            return $"{Setting} '{shown}' must not carry a query or a fragment: set the public URL Twilio calls, without /sms, e.g. {Example}.";
        }
        var path = uri.AbsolutePath.TrimEnd('/');
        var added = PathsTheLineAdds.FirstOrDefault(end => path.EndsWith(end, StringComparison.OrdinalIgnoreCase));
        if (added is not null)
        {
            return $"{Setting} '{shown}' must not end in {added}: the line adds /sms and /sms/status itself. Set the public URL " +
                $"without it, e.g. {Example}; a path a proxy serves the line under may stay, e.g. https://example.org/line.";
        }
        return null;
    }

    // A URL may carry a user name and password (https://user:secret@host): the message goes to standard error and logs.
    private static string Shown(string baseUrl) => Regex.Replace(baseUrl, "//[^/@]*@", "//…@");
}
