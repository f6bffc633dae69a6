using Twilio.Http;

namespace WestmontTextLine.Outbound;

/// <summary>
/// The Twilio SDK's own <see cref="SystemNetHttpClient"/> (it builds the request: Basic auth, form body, headers,
/// user agent), sending to <c>Twilio:ApiBaseUrl</c> instead of Twilio's hosts.
///
/// The SDK builds every Messages URL as <c>https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Messages….json</c>
/// (<c>Request(HttpMethod, Domain.Api, path)</c>), and with a region or edge as
/// <c>https://api.{edge}.{region}.twilio.com/…</c> (<c>Request.buildUri</c>). When the base URL is not the default,
/// each request to one of those API hosts is copied onto <c>{ApiBaseUrl}{path}</c>, keeping a path prefix in the base
/// URL (a compatible provider may serve the API under one, e.g. <c>https://example.signalwire.com/api/laml</c>),
/// with the same method, credentials, query, form and headers. A request for any other Twilio host (another
/// product's API) is refused rather than sent to Twilio behind the setting's back. With the default base URL
/// nothing is changed.
///
/// The wrapped <see cref="System.Net.Http.HttpClient"/> comes from IHttpClientFactory with the resilience pipeline
/// (<see cref="TwilioApiServices"/>). Make one per call (<see cref="TwilioRestClients"/>): the SDK keeps the last
/// request (with its form: a number and a body) in <see cref="Twilio.Http.HttpClient.LastRequest"/>.
/// </summary>
public sealed class TwilioApiHttpClient : SystemNetHttpClient
{
    private readonly Uri? _apiBaseUrl;

    public TwilioApiHttpClient(System.Net.Http.HttpClient httpClient, Uri apiBaseUrl)
        : base(httpClient ?? throw new ArgumentNullException(nameof(httpClient)))
    {
        ArgumentNullException.ThrowIfNull(apiBaseUrl);
        _apiBaseUrl = apiBaseUrl == new Uri(TwilioApiOptions.DefaultApiBaseUrl) ? null : apiBaseUrl;
    }

    public override Task<Response> MakeRequestAsync(Request request) =>
        base.MakeRequestAsync(_apiBaseUrl is null ? request : Rewrite(request, _apiBaseUrl));

    // The synchronous MakeRequest of the base class calls MakeRequestAsync, so it is rewritten as well.

    /// <summary>The same request, sent to <paramref name="apiBaseUrl"/> instead of a Twilio API host.</summary>
    internal static Request Rewrite(Request request, Uri apiBaseUrl)
    {
        var target = request.buildUri(); // the SDK's host with region and edge applied, without the query
        if (!IsTwilioApiHost(target.Host))
        {
            throw new InvalidOperationException(
                $"The line sends only Twilio's core API (api.twilio.com) to Twilio:ApiBaseUrl; a request for {target.Host} was refused.");
        }

        var copy = new Request(request.Method, apiBaseUrl.AbsoluteUri.TrimEnd('/') + target.AbsolutePath)
        {
            Username = request.Username,
            Password = request.Password,
            AuthStrategy = request.AuthStrategy,
            UserAgentExtensions = request.UserAgentExtensions,
            ContentType = request.ContentType,
            Body = request.Body,
        };
        copy.QueryParams.AddRange(request.QueryParams);
        copy.PostParams.AddRange(request.PostParams);
        copy.HeaderParams.AddRange(request.HeaderParams);
        return copy;
    }

    /// <summary>api.twilio.com and its regional and edge forms (api.sydney.au1.twilio.com).</summary>
    internal static bool IsTwilioApiHost(string host) =>
        host.Equals("api.twilio.com", StringComparison.OrdinalIgnoreCase)
        || (host.StartsWith("api.", StringComparison.OrdinalIgnoreCase)
            && host.EndsWith(".twilio.com", StringComparison.OrdinalIgnoreCase));
}
