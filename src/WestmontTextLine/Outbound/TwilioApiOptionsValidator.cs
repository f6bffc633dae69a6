using Microsoft.Extensions.Options;

namespace WestmontTextLine.Outbound;

/// <summary>Refuses unusable settings when the options are first read (start-up validation, or the first call).</summary>
public sealed class TwilioApiOptionsValidator : IValidateOptions<TwilioApiOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioApiOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
