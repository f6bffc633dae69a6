using Microsoft.AspNetCore.Http;

namespace WestmontTextLine.Twilio;

/// <summary>
/// The URL Twilio signed, rebuilt from the request: scheme, host, PathBase, path and the raw query string.
/// A configured base URL replaces scheme and host (and any path prefix a proxy strips).
/// </summary>
public static class TwilioRequestUrl
{
    public static string Of(HttpRequest request, string? baseUrl)
    {
        var pathAndQuery = request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        if (!string.IsNullOrWhiteSpace(baseUrl)) return baseUrl.TrimEnd('/') + pathAndQuery;
        return request.Scheme + "://" + request.Host.ToUriComponent() + pathAndQuery;
    }
}
