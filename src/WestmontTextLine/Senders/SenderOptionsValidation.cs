using Microsoft.Extensions.Options;

namespace WestmontTextLine.Senders;

/// <summary>
/// Outside Development the line refuses to start without a privacy key (Development makes one, see
/// DevelopmentPrivacyKey). A key short enough to guess is allowed but warned about at every start
/// (<see cref="Warnings"/>): phone numbers are few, so whoever guesses the key can hash every number and find who
/// used the line.
/// </summary>
public sealed class SenderOptionsValidation(IHostEnvironment environment) : IValidateOptions<SenderOptions>
{
    public const int ShortestSafeKey = 16;

    public ValidateOptionsResult Validate(string? name, SenderOptions options) =>
        !string.IsNullOrWhiteSpace(options.PrivacyKey) || environment.IsDevelopment()
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                "TextLine:PrivacyKey is required outside Development: set it to a long random secret " +
                "(openssl rand -base64 32; environment variable TextLine__PrivacyKey) and keep it, since another key makes " +
                "every stored session and opt-out unreachable.");

    /// <summary>
    /// A privacy or encryption key short enough to guess (its length, never the key itself): a warning at start and in
    /// `check` (<see cref="Settings.SettingsCheck"/>).
    /// </summary>
    public static IEnumerable<string> Warnings(SenderOptions options, IHostEnvironment environment)
    {
        if (environment.IsDevelopment()) yield break;
        foreach (var (setting, key) in new[] { ("TextLine:PrivacyKey", options.PrivacyKey), ("TextLine:EncryptionKey", options.EncryptionKey) })
        {
            if (string.IsNullOrWhiteSpace(key) || key.Trim().Length >= ShortestSafeKey) continue;
            yield return $"{setting} is short enough to guess ({key.Trim().Length} characters): whoever guesses it can tell which numbers used the line. " +
                $"Use a long random secret of at least {ShortestSafeKey} characters (openssl rand -base64 32).";
        }
    }
}
