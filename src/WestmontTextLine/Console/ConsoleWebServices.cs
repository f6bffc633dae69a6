using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Internal;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Inbox;

namespace WestmontTextLine.Console;

/// <summary>
/// The console's web services (authentication and its cookies, the staff and admin policies, Razor Pages, the
/// sign-in limit, data protection), registered on top of the line's in the console's own provider
/// (<see cref="ConsoleProvider"/>) when the console is first used.
/// </summary>
internal static class ConsoleWebServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration, bool production)
    {
        services.AddConsolePasskeys(configuration);
        services.AddStaffSignIn();
        services.AddSingleton(provider => new PasswordGuesses(provider.GetRequiredService<Records.IPrivateRecords>(),
            provider.GetRequiredService<TimeProvider>(),
            System.Text.Encoding.UTF8.GetBytes(provider.GetRequiredService<IOptions<Senders.SenderOptions>>().Value.PrivacyKey!)));

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "wtl-console";
            SecureCookie(options.Cookie, production);
            options.ExpireTimeSpan = ConsoleServices.IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = "/SignIn";
            options.LogoutPath = "/SignOut";
            options.AccessDeniedPath = "/Denied";
            RelativeRedirects.Apply(options);
            AutomaticRequests.Apply(options);
        });
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = "wtl-console-2fa";
            SecureCookie(options.Cookie, production);
        });
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.Zero;
            // The validator rebuilds the principal from the store and would drop how the person signed in.
            options.OnRefreshingPrincipal = context =>
            {
                var methods = context.CurrentPrincipal?.FindAll(ConsoleClaims.AuthenticationMethod).ToList() ?? [];
                if (context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity) identity.AddClaims(methods);
                return Task.CompletedTask;
            };
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "wtl-console-af";
            SecureCookie(options.Cookie, production);
            options.HeaderName = "RequestVerificationToken";
        });
        // The pages' one-time notices ("Deleted the conversation with Texter F71D") ride in this cookie to the next page.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = "wtl-console-notice";
            SecureCookie(options.Cookie, production);
        });
        // Written by the pages alone: a part a page's script fetches leaves it as it is (NoticeCookie).
        services.AddSingleton<Microsoft.AspNetCore.Mvc.ViewFeatures.CookieTempDataProvider>();
        services.AddSingleton<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataProvider, Pages.NoticeCookie>();

        services.AddAuthorizationBuilder()
            .AddPolicy(ConsoleServices.PasswordOnlyPolicy, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(ConsoleServices.StaffPolicy, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(ConsoleClaims.AuthenticationMethod, ConsoleClaims.MultiFactor).RequireRole([.. StaffRoles.All]))
            .AddPolicy(ConsoleServices.AdminPolicy, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(ConsoleClaims.AuthenticationMethod, ConsoleClaims.MultiFactor).RequireRole(StaffRoles.Admin));

        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Console/Pages";
            options.Conventions.Add(new ConsolePageAccess());
        });
        // Sign-in attempts (posts) are limited per address, on top of the lockouts (PasswordGuesses): 10 a minute.
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(context.HttpContext.Response.WriteAsync(
                    "Too many sign-in attempts from this address. Wait a minute, then try again.", cancellationToken));
            };
            options.AddPolicy(ConsoleServices.SignInPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = ConsoleServices.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
        });

        services.AddDataProtection().SetApplicationName("westmont-text-line");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, ConsoleKeyStorage>();
        // Data protection's own key manager, which ConsoleKeysWatch can tell to read the keys again.
        services.AddSingleton(provider => new ReloadableKeyManager(new XmlKeyManager(provider.GetRequiredService<IOptions<KeyManagementOptions>>(),
            provider.GetRequiredService<IActivator>(), provider.GetRequiredService<ILoggerFactory>())));
        services.Replace(ServiceDescriptor.Singleton<IKeyManager>(provider => provider.GetRequiredService<ReloadableKeyManager>()));
    }

    private static void SecureCookie(CookieBuilder cookie, bool production)
    {
        cookie.Path = ConsoleOptions.PathBase;
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
        cookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }
}
