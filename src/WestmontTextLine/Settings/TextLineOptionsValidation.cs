using Microsoft.Extensions.Options;

namespace WestmontTextLine.Settings;

/// <summary>The TextLine settings, checked at start: each message names the setting and how to fix it.</summary>
public sealed class TextLineOptionsValidation : IValidateOptions<TextLineOptions>
{
    public ValidateOptionsResult Validate(string? name, TextLineOptions options)
    {
        var failures = new List<string>();
        if (options.SessionTimeout <= TimeSpan.Zero) failures.Add($"TextLine:SessionTimeout must be positive, e.g. 00:30:00 (it is {options.SessionTimeout}).");
        if (options.Retention <= TimeSpan.Zero) failures.Add($"TextLine:Retention must be positive, e.g. 30.00:00:00 (it is {options.Retention}).");
        if (options.RateLimitPerMinute < 0) failures.Add($"TextLine:RateLimitPerMinute is a number of texts, 0 for no limit (it is {options.RateLimitPerMinute}).");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? "", out _))
        {
            failures.Add($"TextLine:TimeZone '{options.TimeZone}' is not a time zone this machine knows: use an IANA id such as America/Chicago.");
        }
        if (string.IsNullOrWhiteSpace(options.FlowsPath)) failures.Add("TextLine:FlowsPath must name the folder of flow files, e.g. flows.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
