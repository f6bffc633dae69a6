using Microsoft.Extensions.Options;

namespace WestmontTextLine.Senders;

/// <summary>Outside Development the line refuses to start without a privacy key (Development makes one, see DevelopmentPrivacyKey).</summary>
public sealed class SenderOptionsValidation(IHostEnvironment environment) : IValidateOptions<SenderOptions>
{
    public ValidateOptionsResult Validate(string? name, SenderOptions options) =>
        !string.IsNullOrWhiteSpace(options.PrivacyKey) || environment.IsDevelopment()
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                "TextLine:PrivacyKey is required outside Development: set it to a long random secret " +
                "(openssl rand -base64 32; environment variable TextLine__PrivacyKey) and keep it, since another key makes " +
                "every stored session and opt-out unreachable.");
}
