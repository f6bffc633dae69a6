using Microsoft.Extensions.Options;

namespace WestmontTextLine.Console;

/// <summary>The Console settings, checked at start (Console:Enabled is checked by binding it: true or false).</summary>
public sealed class ConsoleOptionsValidation : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
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
