using Microsoft.AspNetCore.Authentication.Cookies;

namespace WestmontTextLine.Console.Inbox;

/// <summary>
/// The requests the console's own scripts make without anyone clicking: the inbox's event stream (an EventSource,
/// which asks for text/event-stream) and the refreshes of a page's live part (marked with <see cref="Header"/>).
/// They do not count as activity, so an inbox left open on an unattended computer still signs out after the idle
/// time; and when the session is over they get 401 (403 without the second factor) instead of the sign-in page, so
/// the script reloads the page rather than showing a sign-in form inside it.
/// </summary>
public static class AutomaticRequests
{
    public const string Header = "X-Console-Refresh";
    public const string EventStream = "text/event-stream";

    public static bool Is(HttpRequest request) =>
        request.Headers.ContainsKey(Header)
        || request.Headers.Accept.Any(accept => accept?.Contains(EventStream, StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Applies the rules above to the console's sign-in cookie, keeping its own behaviour for every other request.</summary>
    public static void Apply(CookieAuthenticationOptions options)
    {
        var events = options.Events;
        // Identity's security-stamp check renews the cookie each time it checks (every request here): not for these.
        var validatePrincipal = events.OnValidatePrincipal;
        events.OnValidatePrincipal = async context =>
        {
            await validatePrincipal(context);
            if (Is(context.Request)) context.ShouldRenew = false;
        };
        var checkSliding = events.OnCheckSlidingExpiration;
        events.OnCheckSlidingExpiration = context =>
        {
            if (Is(context.Request)) context.ShouldRenew = false;
            return checkSliding(context);
        };
        var redirectToLogin = events.OnRedirectToLogin;
        events.OnRedirectToLogin = context => Is(context.Request) ? Refuse(context.Response, StatusCodes.Status401Unauthorized) : redirectToLogin(context);
        var redirectToAccessDenied = events.OnRedirectToAccessDenied;
        events.OnRedirectToAccessDenied = context =>
            Is(context.Request) ? Refuse(context.Response, StatusCodes.Status403Forbidden) : redirectToAccessDenied(context);
    }

    private static Task Refuse(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
