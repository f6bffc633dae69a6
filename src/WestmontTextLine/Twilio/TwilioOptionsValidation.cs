using Microsoft.Extensions.Options;

namespace WestmontTextLine.Twilio;

/// <summary>
/// Outside Development the line refuses to start without an auth token, unless validation is turned off on purpose:
/// without it, anyone who can reach /sms could text as anyone. Nor does it start with a base URL no signature could
/// be checked against.
/// </summary>
public sealed class TwilioOptionsValidation(IHostEnvironment environment) : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.AuthToken) && options.RequestValidation.Enabled != false && !environment.IsDevelopment())
        {
            failures.Add(
                "Twilio:AuthToken is required outside Development: set it to the account's auth token (environment variable " +
                "Twilio__AuthToken), or set Twilio:RequestValidation:Enabled to false explicitly.");
        }
        if (TwilioBaseUrl.Problem(options.RequestValidation.BaseUrl) is { } baseUrl) failures.Add(baseUrl);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>What the start warns of and `check` reports (<see cref="Settings.SettingsCheck"/>): requests not checked at all.</summary>
    public static IEnumerable<string> Warnings(TwilioOptions options)
    {
        if (options.RequestValidation.Enabled == false)
        {
            yield return "Twilio request validation is turned off: X-Twilio-Signature is not checked (Twilio:RequestValidation:Enabled is false), " +
                "so anyone who can reach /sms can send texts as anyone.";
        }
    }

    /// <summary>What start-up tells the operator in Development, where no token is needed.</summary>
    public static void LogNotices(TwilioOptions options, IHostEnvironment environment, ILogger logger)
    {
        if (options.RequestValidation.Enabled != false && string.IsNullOrEmpty(options.AuthToken) && environment.IsDevelopment())
        {
            logger.LogWarning("Twilio:AuthToken is not set: accepting unsigned requests from this machine (loopback) only.");
        }
    }
}
