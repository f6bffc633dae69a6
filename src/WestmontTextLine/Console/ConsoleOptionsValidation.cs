using Microsoft.Extensions.Options;

namespace WestmontTextLine.Console;

/// <summary>The Console settings, checked at start (Console:Enabled is checked by binding it: true or false).</summary>
public sealed class ConsoleOptionsValidation : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        var failures = new List<string>();
        if (options.AuditKeepFor < ConsoleOptions.ShortestAuditKeepFor || options.AuditKeepFor > ConsoleOptions.LongestAuditKeepFor)
        {
            failures.Add($"Console:AuditKeepFor must be between 30 days and 3650 days, e.g. 400.00:00:00 (it is {options.AuditKeepFor}).");
        }
        if (options.AuditMaxEntries is < ConsoleOptions.FewestAuditEntries or > ConsoleOptions.MostAuditEntries)
        {
            failures.Add($"Console:AuditMaxEntries must be between {ConsoleOptions.FewestAuditEntries} and {ConsoleOptions.MostAuditEntries} (it is {options.AuditMaxEntries}).");
        }
        if (ValidateDomain(options) is { Failed: true } domain) failures.AddRange(domain.Failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static ValidateOptionsResult ValidateDomain(ConsoleOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PasskeyServerDomain)) return ValidateOptionsResult.Success;
        // Every passkey is bound to this name: a scheme, a port or an address here would make each one fail.
        var domain = options.PasskeyServerDomain.Trim().TrimEnd('.');
        // A browser names a non-ASCII domain in its xn-- form, and a passkey bound to the other form would never match.
        if (!domain.All(char.IsAscii))
        {
            return ValidateOptionsResult.Fail(
                $"Console:PasskeyServerDomain must be written in its ASCII form, as browsers name it (e.g. xn--lnea-vpa.example.org for línea.example.org; it is '{options.PasskeyServerDomain}').");
        }
        return Uri.CheckHostName(domain) == UriHostNameType.Dns
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Console:PasskeyServerDomain must be the host name staff type to reach the console, e.g. line.example.org: no scheme, port, path or IP address (it is '{options.PasskeyServerDomain}').");
    }
}
