using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Handoff;
using WestmontTextLine.Privacy;
using WestmontTextLine.Records;

namespace WestmontTextLine.Tests.Console.Accounts;

/// <summary>
/// AddStaffAccounts on the given records, clock and audit log, as the line registers it (with its shift list), with AddStaffSignIn, as the
/// console adds it; built with every check on.
/// </summary>
public static class StaffServices
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 21, 40, 0, TimeSpan.Zero);

    public static ServiceProvider Build(FakeTimeProvider time, IPrivateRecords? records = null, IAuditLog? audit = null,
        PersonalDataCipher? cipher = null, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(records ?? new InMemoryPrivateRecords());
        services.AddSingleton(cipher ?? new PersonalDataCipher(RandomNumberGenerator.GetBytes(32)));
        services.AddSingleton(audit ?? new InMemoryAuditLog());
        services.AddSingleton<HandoffStore>();
        services.AddSingleton<IInboxEvents, InProcessInboxEvents>();
        services.AddSingleton<IShifts, ShiftRoster>();
        services.AddStaffAccounts();
        services.AddStaffSignIn();
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>A user manager in a scope of its own, as one request or one command has.</summary>
    public static StaffUserManager Users(this IServiceProvider services) =>
        services.CreateScope().ServiceProvider.GetRequiredService<StaffUserManager>();

    public static async Task<StaffUser> AddAsync(this IServiceProvider services, string name, string password, string role = StaffRoles.Staff)
    {
        var user = new StaffUser(name, role);
        var result = await services.Users().CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(error => error.Description)));
        return user;
    }
}
