using Microsoft.Extensions.Options;
using Twilio.Clients;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Makes the Twilio SDK's <see cref="TwilioRestClient"/> for one call: Basic auth with <c>Twilio:AccountSid</c> and
/// <c>Twilio:AuthToken</c>, over a <see cref="TwilioApiHttpClient"/> (requests sent to <c>Twilio:ApiBaseUrl</c>)
/// wrapping the factory's named HttpClient with the resilience pipeline. A client per call is cheap (the factory
/// pools the handlers) and keeps the SDK's LastRequest/LastResponse, which hold a number and a body, from living
/// on in a shared object. The SDK's own console logging (TWILIO_LOG_LEVEL=debug prints request parameters) is off.
/// </summary>
public sealed class TwilioRestClients(TwilioHttpClients httpClients, IOptions<TwilioApiOptions> options)
{
    public TwilioApiOptions Options => options.Value;

    public TwilioRestClient Create()
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
            throw new InvalidOperationException(settings.Describe());

        var accountSid = settings.AccountSid!.Trim();
        var http = new TwilioApiHttpClient(httpClients.CreateClient(), settings.ApiBaseUri);
        return new TwilioRestClient(accountSid, settings.AuthToken!.Trim(), accountSid: accountSid, httpClient: http)
        {
            LogLevel = null,
        };
    }
}
