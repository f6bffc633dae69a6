using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Console;

/// <summary>
/// Passkeys (WebAuthn) for the console, on ASP.NET Core Identity's own passkey handler. A passkey is made only with
/// user verification (a PIN, a fingerprint, a face) and is discoverable, so signing in with it needs no name and
/// counts as both factors: something held, and something known or been.
/// <para>
/// The relying party id is <see cref="ConsoleOptions.PasskeyServerDomain"/>, or else each request's host, which behind
/// a trusted proxy is its X-Forwarded-Host. The browser's origin is checked against the console's own origin (the
/// request's scheme, host and port, or the configured domain over HTTPS), not against the request's Origin header as
/// Identity does by default: the console sends no referrer, so a browser's post says "Origin: null".
/// </para>
/// </summary>
public static class ConsolePasskeys
{
    public const int MaxPasskeysPerAccount = 10;
    public const int MaxNameLength = 64;

    /// <summary>A credential as a browser sends it is well under this; anything larger is refused unread.</summary>
    public const int MaxCredentialJsonLength = 64 * 1024;

    public static IServiceCollection AddConsolePasskeys(this IServiceCollection services, IConfiguration configuration)
    {
        var domain = ServerDomain(configuration);
        services.TryAddScoped<IPasskeyHandler<StaffUser>, PasskeyHandler<StaffUser>>();
        services.AddScoped<PasskeySignIn>();
        services.Configure<IdentityPasskeyOptions>(options =>
        {
            options.ServerDomain = domain;
            options.UserVerificationRequirement = "required";
            options.ResidentKeyRequirement = "required";
            options.ValidateOrigin = context => ValueTask.FromResult(
                !context.CrossOrigin && IsConsoleOrigin(context.Origin, context.HttpContext.Request, domain));
        });
        return services;
    }

    /// <summary>The configured relying party id (Console:PasskeyServerDomain), lower case, or null for each request's own host.</summary>
    public static string? ServerDomain(IConfiguration configuration) =>
        configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>()?.PasskeyServerDomain is { } configured &&
        !string.IsNullOrWhiteSpace(configured)
            ? configured.Trim().TrimEnd('.').ToLowerInvariant()
            : null;

    /// <summary>
    /// Whether a ceremony's origin (from the browser's client data) is the console's: https (or http on localhost),
    /// on the configured domain exactly; with none configured, the request's own scheme, host and port.
    /// </summary>
    public static bool IsConsoleOrigin(string? origin, HttpRequest request, string? configuredDomain)
    {
        if (string.IsNullOrEmpty(origin) || !Uri.TryCreate(origin, UriKind.Absolute, out var uri)) return false;
        // An origin is a scheme, a host and a port: nothing more.
        if (!string.Equals(uri.GetLeftPart(UriPartial.Authority), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)) return false;
        var secure = uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && uri.Host == "localhost");
        if (!secure) return false;
        if (configuredDomain is not null) return string.Equals(uri.Host, configuredDomain, StringComparison.OrdinalIgnoreCase);
        if (!string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)) return false;
        if (!string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var requestPort = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return uri.Port == requestPort;
    }
}
