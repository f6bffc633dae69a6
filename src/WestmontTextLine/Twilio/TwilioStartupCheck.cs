using Microsoft.Extensions.Options;

namespace WestmontTextLine.Twilio;

/// <summary>Refuses to run outside Development without an auth token, unless validation is turned off on purpose.</summary>
public static class TwilioStartupCheck
{
    public static void Verify(TwilioOptions options, IHostEnvironment environment, ILogger logger)
    {
        if (!string.IsNullOrEmpty(options.AuthToken)) return;
        if (options.RequestValidation.Enabled == false)
        {
            logger.LogWarning("Twilio request validation is turned off: anyone who can reach /sms can send texts as anyone.");
            return;
        }
        if (environment.IsDevelopment())
        {
            logger.LogWarning("Twilio:AuthToken is not set: accepting unsigned requests from this machine (loopback) only.");
            return;
        }
        throw new OptionsValidationException(TwilioOptions.Section, typeof(TwilioOptions),
            ["Twilio:AuthToken is required outside Development (or set Twilio:RequestValidation:Enabled to false explicitly)."]);
    }
}
