using Microsoft.Extensions.Options;

namespace WestmontTextLine.CheckIns;

/// <summary>The CheckIn settings, checked at start: each message names the setting and how to fix it.</summary>
public sealed class CheckInOptionsValidation : IValidateOptions<CheckInOptions>
{
    public ValidateOptionsResult Validate(string? name, CheckInOptions options)
    {
        var failures = new List<string>();
        if (options.Grace < TimeSpan.FromSeconds(1) || options.Grace > TimeSpan.FromHours(2))
            failures.Add("CheckIn:Grace must be between a second and 2 hours, e.g. 00:10:00.");
        if (options.BuddyUnusedFor <= TimeSpan.Zero || options.BuddyUnusedFor > TimeSpan.FromDays(3650))
            failures.Add($"CheckIn:BuddyUnusedFor must be between a moment and 3650 days, e.g. 30.00:00:00 (it is {options.BuddyUnusedFor}).");
        // An alert to a number Twilio cannot text would be lost exactly when a texter missed her check-in.
        if (!string.IsNullOrWhiteSpace(options.StaffNumber) && ContactNumbers.Staff(options.StaffNumber) is null)
            failures.Add("CheckIn:StaffNumber must be a phone number that can get texts, e.g. +16305550123 or (630) 555-0123 (a number without a country code is taken as a US one; not a short code or an emergency number).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
