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
        var failures = new List<string>();
        if (TooShort(options.PrivacyKey) is { } privacyKey)
            failures.Add($"TextLine:PrivacyKey is too short to keep numbers private ({privacyKey} characters): {UseALongSecret}");
        if (!string.IsNullOrWhiteSpace(options.EncryptionKey) && TooShort(options.EncryptionKey) is { } encryptionKey)
            failures.Add($"TextLine:EncryptionKey is too short to keep numbers and messages private ({encryptionKey} characters): {UseALongSecret}");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static readonly string UseALongSecret = $"use a long random secret of at least {ShortestPrivacyKey} characters (openssl rand -base64 32).";

    private static int? TooShort(string key) => key.Trim().Length is var length && length < ShortestPrivacyKey ? length : null;
}
