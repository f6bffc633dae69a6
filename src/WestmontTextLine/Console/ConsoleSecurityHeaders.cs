namespace WestmontTextLine.Console;

/// <summary>
/// The console's answers carry a strict Content-Security-Policy (scripts only from the console itself, never inline),
/// refuse framing, send no referrer, and are never cached: a shared or public computer keeps no page of it.
/// Mermaid draws its diagram with inline SVG styles, so styles (not scripts) may be inline. Over HTTPS, browsers are
/// told to use only HTTPS for a year (HSTS; the console is refused over plain HTTP in Production anyway), for this
/// host alone: no includeSubDomains, which would bind sites the line does not run.
/// </summary>
public static class ConsoleSecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string StrictTransportSecurity = "max-age=31536000";

    public static IApplicationBuilder UseConsoleSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.IsHttps) headers.StrictTransportSecurity = StrictTransportSecurity;
            if (!context.Request.Path.StartsWithSegments("/lib") && !context.Request.Path.StartsWithSegments("/assets"))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
