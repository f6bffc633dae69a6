using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;

namespace WestmontTextLine.Console;

/// <summary>
/// Who may open each console page, decided in one place: exactly one policy per page, so a page added later is a
/// staff page unless it is listed here. The sign-in pages are open (and rate limited); enrolment needs the password
/// alone; the admin folder needs the admin role; every other page needs a staff member signed in with both factors.
/// </summary>
public sealed class ConsolePageAccess : IPageApplicationModelConvention
{
    public static readonly IReadOnlySet<string> OpenPages = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { "/SignIn", "/SignInCode", "/SignInPasskey", "/Setup", "/Denied" };

    public static readonly IReadOnlySet<string> PasswordOnlyPages = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "/Enrol" };

    public static readonly IReadOnlySet<string> SignInPages = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { "/SignIn", "/SignInCode", "/SignInPasskey", "/Enrol" };

    public void Apply(PageApplicationModel model)
    {
        var page = model.ViewEnginePath;
        if (SignInPages.Contains(page)) model.EndpointMetadata.Add(new EnableRateLimitingAttribute(ConsoleServices.SignInPolicy));
        if (OpenPages.Contains(page))
        {
            model.EndpointMetadata.Add(new AllowAnonymousAttribute());
            return;
        }
        var policy = PasswordOnlyPages.Contains(page) ? ConsoleServices.PasswordOnlyPolicy
            : page.StartsWith("/Admin/", StringComparison.OrdinalIgnoreCase) ? ConsoleServices.AdminPolicy
            : ConsoleServices.StaffPolicy;
        model.EndpointMetadata.Add(new AuthorizeAttribute(policy));
    }
}
