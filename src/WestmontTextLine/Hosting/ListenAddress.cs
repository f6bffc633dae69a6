using Microsoft.AspNetCore.Hosting;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Where the line listens when no setting says: http://localhost:5080. Set here, not in appsettings.json: a Urls in
/// that file outranks ASPNETCORE_URLS (the host reads its prefixed environment variables before the app's files),
/// so the documented way to move the line was silently ignored. Urls and HTTP_PORTS from any source, and Kestrel's
/// own endpoints, still decide.
/// </summary>
public static class ListenAddress
{
    public const string Default = "http://localhost:5080";

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").Exists();

    public static WebApplicationBuilder ListenOnDefaultUnlessConfigured(this WebApplicationBuilder builder)
    {
        if (!IsConfigured(builder.Configuration)) builder.WebHost.UseUrls(Default);
        return builder;
    }
}
