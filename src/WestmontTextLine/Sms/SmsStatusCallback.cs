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

    // Built once per distinct URL: every reply carries one, and parsing a Uri costs more than the rest of the reply.
    // The Host header is the sender's to choose, so the set is bounded.
    private const int MaxCached = 1_024;
    private readonly ConcurrentDictionary<(string Scheme, string? Host, string? PathBase, string Label), Uri> _built = new();

    public Uri? For(HttpRequest request, string label)
    {
        if (!api.Value.IsConfigured) return null;
        var configured = twilio.Value.RequestValidation.BaseUrl;
        var key = string.IsNullOrWhiteSpace(configured)
            ? (request.Scheme, request.Host.Value, request.PathBase.Value, label)
            : ("", configured, null, label);
        if (_built.TryGetValue(key, out var uri)) return uri;
        var baseUrl = !string.IsNullOrWhiteSpace(configured)
            ? configured.TrimEnd('/')
            : request.Scheme + "://" + request.Host.ToUriComponent() + request.PathBase.ToUriComponent();
        uri = new Uri($"{baseUrl}{Path}?{LabelParameter}={Uri.EscapeDataString(label)}");
        if (_built.Count >= MaxCached) _built.Clear();
        _built.TryAdd(key, uri);
        return uri;
    }
}
