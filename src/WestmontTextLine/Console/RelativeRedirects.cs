using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace WestmontTextLine.Console;

/// <summary>
/// The cookie handler builds its sign-in, denied and sign-out redirects as absolute URLs from the request's Host
/// header, which the sender chooses (every host is allowed by default). Sent as a path and query instead, a forged
/// Host cannot point a browser, or a cache in front of the console, at another site.
/// </summary>
public static class RelativeRedirects
{
    public static void Apply(CookieAuthenticationOptions options)
    {
        var events = options.Events;
        var toLogin = events.OnRedirectToLogin;
        events.OnRedirectToLogin = context => toLogin(AsPath(context));
        var toAccessDenied = events.OnRedirectToAccessDenied;
        events.OnRedirectToAccessDenied = context => toAccessDenied(AsPath(context));
        var toLogout = events.OnRedirectToLogout;
        events.OnRedirectToLogout = context => toLogout(AsPath(context));
        var toReturnUrl = events.OnRedirectToReturnUrl;
        events.OnRedirectToReturnUrl = context => toReturnUrl(AsPath(context));
    }

    private static RedirectContext<CookieAuthenticationOptions> AsPath(RedirectContext<CookieAuthenticationOptions> context)
    {
        // Only http(s): on Linux a path alone also parses as an absolute (file) URI.
        if (Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
        {
            context.RedirectUri = absolute.PathAndQuery;
        }
        return context;
    }
}
