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

    public Uri? For(HttpRequest request, string label)
    {
        if (!api.Value.IsConfigured) return null;
        var configured = twilio.Value.RequestValidation.BaseUrl;
        var baseUrl = !string.IsNullOrWhiteSpace(configured)
            ? configured.TrimEnd('/')
            : request.Scheme + "://" + request.Host.ToUriComponent() + request.PathBase.ToUriComponent();
        return new Uri($"{baseUrl}{Path}?{LabelParameter}={Uri.EscapeDataString(label)}");
    }
}
