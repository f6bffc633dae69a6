using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Checks Urls (ASPNETCORE_URLS, --urls) with the other settings, before anything starts: Kestrel found a malformed
/// address or port only while starting, and the line then crashed with a stack trace.
/// </summary>
public static class ListenAddressCheck
{
    public static void Check(IConfiguration configuration)
    {
        var failures = new List<string>();
        foreach (var address in (configuration[WebHostDefaults.ServerUrlsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Problem(address) is { } problem) failures.Add(problem);
        }
        if (failures.Count > 0) throw new OptionsValidationException("Urls", typeof(string), failures);
    }

    private static string? Problem(string address)
    {
        const string HowToWrite = "write each address as scheme, host and port, e.g. http://127.0.0.1:5080 (several with ;)";
        try
        {
            var parsed = BindingAddress.Parse(address);
            return parsed.Port is < 0 or > 65535 ? $"Urls: '{address}' has no usable port (0 to 65535): {HowToWrite}." : null;
        }
        catch (FormatException)
        {
            return $"Urls: '{address}' is not an address to listen on: {HowToWrite}.";
        }
    }
}
