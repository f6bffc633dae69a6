using WestmontTextLine.Twilio;

namespace WestmontTextLine.Sms;

/// <summary>What every endpoint Twilio calls (/sms, /sms/status, /voice) is made of, in this order.</summary>
public static class TwilioWebhookConventions
{
    /// <summary>
    /// Its body and fields limited first (413, 400), then its signature checked (403), and no antiforgery token asked
    /// for: Twilio posts none.
    /// </summary>
    public static TBuilder AsTwilioWebhook<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.LimitSmsRequests().ValidateTwilioRequest().DisableAntiforgery();
}
