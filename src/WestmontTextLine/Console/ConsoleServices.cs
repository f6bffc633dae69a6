using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Console.Simulator;
using WestmontTextLine.Hosting;
using WestmontTextLine.Settings;

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
/// (<see cref="ConsoleProvider"/>): a line that is only texted never sets them up. Those services are registered by
/// <see cref="ConsoleWebServices"/>, and the branch and its pipeline by <see cref="ConsolePipeline"/>.
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
            console => ConsoleWebServices.Add(console, configuration, production: !development), validate: development));
        services.AddBackgroundWorker<ConsoleKeysWatch>();
        return builder;
    }

    public const string HttpsOnlyMessage =
        "The console works over HTTPS only. Put it behind a reverse proxy that ends TLS " +
        "(README, \"Behind a reverse proxy, or on an internal network only\"), " +
        "or run the line in Development on this computer.";
}
