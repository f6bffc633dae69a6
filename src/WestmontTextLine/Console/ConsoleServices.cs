using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Internal;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Console.Simulator;
using WestmontTextLine.Hosting;
using WestmontTextLine.Settings;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console;

/// <summary>
/// The staff console under /console: Razor Pages in a branch of the pipeline of their own, so a text to /sms never
/// meets its routing, authentication or pages. Every page but sign-in requires a staff member signed in with both
/// factors (a password and an authenticator code, or a passkey alone); admin pages require the admin role. Cookies
/// are HttpOnly, SameSite=Strict, Secure outside Development, for /console only, and end after 30 idle minutes; each
/// request checks the account's security stamp, so signing out ends every copy of the cookie. Data-protection keys
/// live where the line's data lives (the SQLite folder, or Redis), so sign-ins survive a restart and work on every
/// instance. The inbox's event stream lives here too (<see cref="InboxEventStream"/>), under the staff policy.
/// The console's web services are in a service provider of its own, built on its first request
/// (<see cref="ConsoleProvider"/>): a line that is only texted never sets them up.
/// </summary>
public static class ConsoleServices
{
    public const string SignInPolicy = "signin";
    public const string StaffPolicy = "staff";
    public const string AdminPolicy = "admin";
    public const string PasswordOnlyPolicy = "password";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>How long before the idle time runs out each page warns, with a button to stay signed in (session-time.js).</summary>
    public static readonly TimeSpan IdleWarning = TimeSpan.FromMinutes(5);
    public const int SignInAttemptsPerMinute = 10;

    /// <summary>
    /// Read while services are registered, so it must not throw: a value that is not true or false leaves the console
    /// on here, and the settings check refuses it before anything starts.
    /// </summary>
    public static bool Enabled(IConfiguration configuration) =>
        !bool.TryParse(configuration[$"{ConsoleOptions.Section}:{nameof(ConsoleOptions.Enabled)}"], out var enabled) || enabled;

    public static IServiceCollection AddConsoleSettings(this IServiceCollection services, IConfiguration configuration) =>
        services.AddLineSettings<ConsoleOptions, ConsoleOptionsValidation>(ConsoleOptions.Section, options => options.Bind(configuration.GetSection(ConsoleOptions.Section)));

    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddConsoleSettings(builder.Configuration);
        builder.Services.AddOptions<ConsoleOptions>().ValidateOnStart();
        if (!Enabled(builder.Configuration)) return builder;
        var services = builder.Services;
        // What the line's own parts and the `staff` verb share with the console: accounts, the audit log, the
        // simulator's sessions, the inbox's actions. The rest is the console's alone, in a provider of its own.
        services.AddStaffAccounts();
        services.AddAuditRetention();
        services.AddSingleton<ConsoleAudit>();
        services.AddSingleton<SimulatorSessions>();
        services.AddConsoleInbox();
        var configuration = builder.Configuration;
        var development = builder.Environment.IsDevelopment();
        // Read when the console is first used, after the host is built: the registrations are final by then, tests' too.
        var lineRegistrations = builder.Services;
        services.AddSingleton(line => new ConsoleProvider(line, [.. lineRegistrations],
            console => AddConsoleWeb(console, configuration, production: !development), validate: development));
        services.AddBackgroundWorker<ConsoleKeysWatch>();
        return builder;
    }

    /// <summary>The console's web services, registered on top of the line's (see <see cref="ConsoleProvider"/>).</summary>
    private static void AddConsoleWeb(IServiceCollection services, IConfiguration configuration, bool production)
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
            options.ExpireTimeSpan = IdleTimeout;
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

        services.AddAuthorizationBuilder()
            .AddPolicy(PasswordOnlyPolicy, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(StaffPolicy, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(ConsoleClaims.AuthenticationMethod, ConsoleClaims.MultiFactor).RequireRole([.. StaffRoles.All]))
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser()
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
            options.AddPolicy(SignInPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
        });

        services.AddDataProtection().SetApplicationName("westmont-text-line");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, ConsoleKeyStorage>();
        // Data protection's own key manager, which ConsoleKeysWatch can tell to read the keys again.
        services.AddSingleton(provider => new ReloadableKeyManager(new XmlKeyManager(provider.GetRequiredService<IOptions<KeyManagementOptions>>(),
            provider.GetRequiredService<IActivator>(), provider.GetRequiredService<ILoggerFactory>())));
        services.Replace(ServiceDescriptor.Singleton<IKeyManager>(provider => provider.GetRequiredService<ReloadableKeyManager>()));
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        if (!Enabled(app.Configuration)) return app;
        var consoleServices = app.Services.GetRequiredService<ConsoleProvider>();
        // Built on the console's first request, not at start: a text arriving while the line starts never waits for
        // the console's services, pages, authentication and static files to be set up.
        var console = new Lazy<RequestDelegate>(() => ConsolePipeline(app, consoleServices.Services),
            LazyThreadSafetyMode.ExecutionAndPublication);
        app.Map(ConsoleOptions.PathBase, branch => branch.Run(context => console.Value(context)));
        return app;
    }

    // A builder of its own on the console's provider, so the pages get a route table of their own too: in the
    // app's, every text to /sms would be matched against them.
    private static RequestDelegate ConsolePipeline(WebApplication app, IServiceProvider services)
    {
        ConsoleKeysAfterDataLoss.Watch(services);
        var console = new ApplicationBuilder(services);
        console.UseConsoleRequestServices(services);
        var assets = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot", "console"));
        console.UseConsoleSecurityHeaders();
        console.UseConsoleFaults();
        if (!app.Environment.IsDevelopment()) console.Use(RefusePlainHttp);
        console.UseStaticFiles(new StaticFileOptions { FileProvider = assets });
        console.UseRouting();
        console.UseRateLimiter();
        console.UseAuthentication();
        console.UseAuthorization();
        console.UseEndpoints(endpoints =>
        {
            endpoints.MapRazorPages();
            endpoints.MapInboxEvents();
        });
        return console.Build();
    }

    public const string HttpsOnlyMessage =
        "The console works over HTTPS only. Put it behind a reverse proxy that ends TLS " +
        "(README, \"Behind a reverse proxy, or on an internal network only\"), " +
        "or run the line in Development on this computer.";

    // Its cookies are Secure outside Development, so over plain HTTP a browser would never send them back: say so,
    // instead of a sign-in that silently fails.
    private static Task RefusePlainHttp(HttpContext context, Func<Task> next)
    {
        if (context.Request.IsHttps) return next();
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(HttpsOnlyMessage);
    }

    private static void SecureCookie(CookieBuilder cookie, bool production)
    {
        cookie.Path = ConsoleOptions.PathBase;
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
        cookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }
}
