using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Checks where the line listens with the other settings, before anything starts: Urls (ASPNETCORE_URLS, --urls),
/// HTTP_PORTS and HTTPS_PORTS, Kestrel's endpoints and its certificate files. Kestrel found a malformed address or
/// port only while starting and crashed with a stack trace; and a port it could not read (HTTP_PORTS=abc, or digits
/// that are not ASCII) made it listen on port 80 on every interface instead.
/// </summary>
public static class ListenAddressCheck
{
    private const string HowToWrite = "write each address as scheme, host and port, e.g. http://127.0.0.1:5080 (several with ;)";

    /// <param name="contentRoot">Where Kestrel finds a relative certificate path.</param>
    public static void Check(IConfiguration configuration, string contentRoot)
    {
        if (Problems(configuration, contentRoot) is { Count: > 0 } failures) throw new OptionsValidationException("Urls", typeof(string), failures);
    }

    /// <summary>Each address, port and certificate file the line could not listen with, naming its setting.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, string contentRoot)
    {
        var failures = new List<string>();
        foreach (var address in Split(configuration[WebHostDefaults.ServerUrlsKey]))
        {
            if (AddressProblem("Urls", address) is { } problem) failures.Add(problem);
        }
        foreach (var key in new[] { WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey })
        {
            foreach (var port in Split(configuration[key]))
            {
                if (!IsPort(port)) failures.Add($"{key.ToUpperInvariant()}: '{port}' is not a port: write whole numbers from 1 to 65535 (several with ;).");
            }
        }
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url && AddressProblem($"Kestrel:Endpoints:{endpoint.Key}:Url", url) is { } problem) failures.Add(problem);
        }
        failures.AddRange(CertificateFiles.Problems(configuration, contentRoot));
        return failures;
    }

    private static string[] Split(string? list) => (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? AddressProblem(string setting, string address)
    {
        if (!address.All(char.IsAscii)) return $"{setting}: '{address}' is not an address to listen on (only plain ASCII letters and digits): {HowToWrite}.";
        try
        {
            var parsed = BindingAddress.Parse(address);
            return parsed.Port is < 0 or > 65535 ? $"{setting}: '{address}' has no usable port (0 to 65535): {HowToWrite}." : null;
        }
        catch (FormatException)
        {
            return $"{setting}: '{address}' is not an address to listen on: {HowToWrite}.";
        }
    }

    private static bool IsPort(string text) => text.All(char.IsAsciiDigit) && int.TryParse(text, out var port) && port is >= 1 and <= 65535;
}
