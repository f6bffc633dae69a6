using Microsoft.Extensions.Options;

namespace WestmontTextLine.Senders;

/// <summary>
/// Outside Development the line refuses to start without a privacy key (Development makes one, see
/// DevelopmentPrivacyKey). A key short enough to guess is allowed but warned about at every start
/// (<see cref="LogNotices"/>): phone numbers are few, so whoever guesses the key can hash every number and find who
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

    /// <summary>Warns, at start, of a privacy or encryption key short enough to guess (never the key itself).</summary>
    public static void LogNotices(SenderOptions options, IHostEnvironment environment, ILogger logger)
    {
        if (environment.IsDevelopment()) return;
        foreach (var (setting, key) in new[] { ("TextLine:PrivacyKey", options.PrivacyKey), ("TextLine:EncryptionKey", options.EncryptionKey) })
        {
            if (string.IsNullOrWhiteSpace(key) || key.Trim().Length >= ShortestSafeKey) continue;
            logger.LogWarning(
                "{Setting} is short enough to guess ({Length} characters): whoever guesses it can tell which numbers used the line. " +
                "Use a long random secret of at least {Shortest} characters (openssl rand -base64 32).", setting, key.Trim().Length, ShortestSafeKey);
        }
    }
}
