using Microsoft.Extensions.Options;

namespace WestmontTextLine.Handoff;

/// <summary>The Handoff settings, checked at start: each message names the setting and how to fix it.</summary>
public sealed class HandoffOptionsValidation : IValidateOptions<HandoffOptions>
{
    public static readonly TimeSpan ShortestIdleClose = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestIdleClose = TimeSpan.FromHours(24);
    public static readonly TimeSpan ShortestKeepFor = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestKeepFor = TimeSpan.FromDays(30);

    public ValidateOptionsResult Validate(string? name, HandoffOptions options)
    {
        var failures = new List<string>();
        if (StaffedHours.Parse(options.Hours, out var error) is null)
        {
            failures.Add($"Handoff:Hours '{options.Hours}' cannot be read: {error}. Write days and times in TextLine:TimeZone, " +
                $"e.g. '{StaffedHours.Example}', or leave it empty for no fixed hours.");
        }
        if (options.IdleClose < ShortestIdleClose || options.IdleClose > LongestIdleClose)
        {
            failures.Add($"Handoff:IdleClose must be between 00:01:00 and 1.00:00:00, e.g. 00:30:00 (it is {options.IdleClose}).");
        }
        if (options.KeepFor < ShortestKeepFor || options.KeepFor > LongestKeepFor)
        {
            failures.Add($"Handoff:KeepFor must be between 00:01:00 and 30.00:00:00, e.g. 1.00:00:00 for 24 hours (it is {options.KeepFor}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
