using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WestmontTextLine.Outbound;
using WestmontTextLine.Twilio;

namespace WestmontTextLine.Sms;

/// <summary>
/// Where Twilio reports each reply's delivery: POST /sms/status on the same public base URL as /sms (the configured
/// Twilio:RequestValidation:BaseUrl, else the request's own scheme, host and PathBase), with the reply's label in
/// the query (?n=law_status), which Twilio signs with the rest. Only when the provider account is set: without it
/// the line answers exactly as before.
/// </summary>
public sealed class SmsStatusCallback(IOptions<TwilioApiOptions> api, IOptions<TwilioOptions> twilio)
{
    public const string Path = "/sms/status";
    public const string LabelParameter = "n";

    /// <summary>An outbound text's outbox id, so its final status reaches the feature that queued it.</summary>
    public const string OutboxParameter = "o";

    // Built once per label and base URL: every reply carries one, and parsing a Uri costs more than the rest of the
    // reply. Keyed by strings (a tuple key would be compiled at start instead of shipped compiled); the Host header is
    // the sender's to choose, so only the last base URL's set is kept, and it is bounded.
    private const int MaxCached = 256;
    private BuiltFor? _built;

    public Uri? For(HttpRequest request, string label)
    {
        if (!api.Value.IsConfigured) return null;
        var configured = twilio.Value.RequestValidation.BaseUrl;
        var (scheme, host, pathBase) = string.IsNullOrWhiteSpace(configured)
            ? (request.Scheme, request.Host.Value, request.PathBase.Value)
            : ("", configured, null);
        var built = _built;
        if (built is null || built.Scheme != scheme || built.Host != host || built.PathBase != pathBase)
        {
            _built = built = new BuiltFor(scheme, host, pathBase, new ConcurrentDictionary<string, Uri>(StringComparer.Ordinal));
        }
        if (built.ByLabel.TryGetValue(label, out var uri)) return uri;
        var baseUrl = !string.IsNullOrWhiteSpace(configured)
            ? configured.TrimEnd('/')
            : request.Scheme + "://" + request.Host.ToUriComponent() + request.PathBase.ToUriComponent();
        uri = new Uri($"{baseUrl}{Path}?{LabelParameter}={Uri.EscapeDataString(label)}");
        if (built.ByLabel.Count < MaxCached) built.ByLabel.TryAdd(label, uri);
        return uri;
    }

    private sealed record BuiltFor(string Scheme, string? Host, string? PathBase, ConcurrentDictionary<string, Uri> ByLabel);
}
