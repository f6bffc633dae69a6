using Microsoft.Extensions.Options;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Each trusted proxy is checked at start, naming the setting and the value: the forwarded-headers middleware would
/// otherwise read them only when the first request's pipeline is built, and crash start-up with a stack trace.
/// </summary>
public sealed class TrustedProxyOptionsValidation : IValidateOptions<TrustedProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
    {
        var failures = new List<string>();
        foreach (var proxy in options.KnownProxies.Where(proxy => !ProxyAddress.TryParseAddress(proxy, out _)))
        {
            failures.Add($"{TrustedProxyOptions.KnownProxiesSetting}: '{proxy}' is not an IP address (e.g. 10.0.0.5); " +
                $"ranges go in {TrustedProxyOptions.KnownNetworksSetting} (e.g. 10.0.0.0/24).");
        }
        foreach (var network in options.KnownNetworks.Where(network => !ProxyAddress.TryParseNetwork(network, out _)))
        {
            failures.Add($"{TrustedProxyOptions.KnownNetworksSetting}: '{network}' is not a range in CIDR form, an address and a prefix length (e.g. 10.0.0.0/24); " +
                $"single addresses go in {TrustedProxyOptions.KnownProxiesSetting} (e.g. 10.0.0.5).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
