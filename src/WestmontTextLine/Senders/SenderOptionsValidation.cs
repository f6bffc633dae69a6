using Microsoft.Extensions.Options;

namespace WestmontTextLine.Senders;

/// <summary>
/// Outside Development the line refuses to start without a privacy key (Development makes one, see
/// DevelopmentPrivacyKey), or with one short enough to guess: phone numbers are few, so whoever guesses the key can
/// hash every number and find who used the line.
/// </summary>
public sealed class SenderOptionsValidation(IHostEnvironment environment) : IValidateOptions<SenderOptions>
{
    public const int ShortestPrivacyKey = 16;

    public ValidateOptionsResult Validate(string? name, SenderOptions options)
    {
        if (environment.IsDevelopment()) return ValidateOptionsResult.Success;
        if (string.IsNullOrWhiteSpace(options.PrivacyKey))
        {
            return ValidateOptionsResult.Fail(
                "TextLine:PrivacyKey is required outside Development: set it to a long random secret " +
                "(openssl rand -base64 32; environment variable TextLine__PrivacyKey) and keep it, since another key makes " +
                "every stored session and opt-out unreachable.");
        }
        return options.PrivacyKey.Trim().Length >= ShortestPrivacyKey
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"TextLine:PrivacyKey is too short to keep numbers private ({options.PrivacyKey.Trim().Length} characters): " +
                $"use a long random secret of at least {ShortestPrivacyKey} characters (openssl rand -base64 32).");
    }
}
