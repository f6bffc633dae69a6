using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Records;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// Staff accounts on ASP.NET Core Identity, stored with the line's private records, and the audit log. Needs what
/// AddTextLine registers (storage, the PersonalDataCipher, TimeProvider). Signing in (<see cref="AddStaffSignIn"/>)
/// is the console's alone: it adds that, with its scheme and cookies, to its own services. Creates no account: the
/// first one is made with `staff add`.
/// </summary>
public static class StaffAccountsServices
{
    public static IdentityBuilder AddStaffAccounts(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddPrivateRecords();
        services.AddAuditLog();

        var identity = services.AddIdentityCore<StaffUser>(Configure)
            .AddUserStore<StaffUserStore>()
            .AddUserManager<StaffUserManager>()
            .AddUserValidator<StaffUserValidator>()
            .AddPasswordValidator<StaffPasswordValidator>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            // Authenticator codes only: no data-protection token provider, so no password-reset or e-mail token can be
            // made for a staff account; an administrator resets a password.
            .AddTokenProvider<StaffAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped(provider => (StaffUserStore)provider.GetRequiredService<IUserStore<StaffUser>>());
        services.AddScoped<StaffAccounts>();
        services.TryAddSingleton<LongShiftEnds>();
        return identity;
    }

    /// <summary>
    /// SignInManager&lt;StaffUser&gt; and what it needs to be built, and no more: no scheme, no cookie, no data
    /// protection. The console's AddAuthentication adds those to the same services.
    /// </summary>
    public static IServiceCollection AddStaffSignIn(this IServiceCollection services)
    {
        new IdentityBuilder(typeof(StaffUser), services).AddSignInManager();
        services.AddAuthenticationCore();
        return services;
    }

    private static void Configure(IdentityOptions options)
    {
        // Length, not composition: 12 characters at least, nothing about digits or symbols; the rest is
        // StaffPasswordValidator's (common passwords, the account's name).
        options.Password.RequiredLength = 12;
        options.Password.RequiredUniqueChars = 5;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;

        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;

        // Names are plain: they are the store's keys and appear in the audit log.
        options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
        options.User.RequireUniqueEmail = false;
    }
}
