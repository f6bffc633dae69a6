using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using WestmontTextLine.Twilio;

using WestmontTextLine.Settings;

namespace WestmontTextLine.Hosting;

/// <summary>
/// X-Forwarded-* headers are believed only from the proxies named in ForwardedHeaders:KnownProxies (addresses) or
/// ForwardedHeaders:KnownNetworks (CIDR ranges). ASP.NET Core's middleware trusts every sender when both lists are
/// empty, so with none named it is not used at all: otherwise anyone could choose the URL whose signature is
/// checked, or pass for loopback.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxySettings(this IServiceCollection services, IConfiguration configuration) =>
        services.AddLineSettings<TrustedProxyOptions, TrustedProxyOptionsValidation>(TrustedProxyOptions.Section,
            options => options.Configure(trusted => TrustedProxyOptions.ReadFrom(configuration, trusted)));

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTrustedProxySettings(configuration);
        services.AddOptions<TrustedProxyOptions>().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((options, trusted) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            // trusted.Value is validated when it is made, so every value parses here.
            foreach (var proxy in trusted.Value.KnownProxies)
            {
                if (ProxyAddress.TryParseAddress(proxy, out var address)) options.KnownProxies.Add(address);
            }
            foreach (var range in trusted.Value.KnownNetworks)
            {
                if (ProxyAddress.TryParseNetwork(range, out var network)) options.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    public static WebApplication UseTrustedForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value.AnyConfigured) app.UseForwardedHeaders();
        else app.Lifetime.ApplicationStarted.Register(() => WarnIfHostHeaderDecidesTheSignedUrl(app));
        return app;
    }

    /// <summary>
    /// Without a configured public URL or a trusted proxy, the Host header of each request decides the URL whose
    /// signature is checked. That is safe on loopback and in Development; elsewhere the operator should know.
    /// </summary>
    private static void WarnIfHostHeaderDecidesTheSignedUrl(WebApplication app)
    {
        if (app.Environment.IsDevelopment()) return;
        var twilio = app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(twilio.RequestValidation.BaseUrl) || twilio.RequestValidation.Enabled == false) return;
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (addresses.Count == 0 || addresses.All(IsLoopbackUrl)) return;
        app.Logger.LogWarning(
            "Neither Twilio:RequestValidation:BaseUrl nor ForwardedHeaders:KnownProxies is set, and the line listens beyond loopback: " +
            "the Host header of each request decides the URL whose signature is checked. Set Twilio:RequestValidation:BaseUrl to the public URL Twilio calls.");
    }

    private static bool IsLoopbackUrl(string url)
    {
        if (!Uri.TryCreate(url.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var uri)) return false;
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
