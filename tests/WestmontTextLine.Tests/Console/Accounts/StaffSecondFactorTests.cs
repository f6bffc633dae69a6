using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Tests.Console.Accounts;

/// <summary>
/// The authenticator app and recovery codes through UserManager, as the console's enrolment and sign-in use them. Codes
/// are computed here from the key with RFC 6238 (<see cref="TotpCodes"/>), at the fake clock's time.
/// </summary>
public sealed class StaffSecondFactorTests
{
    private const string Password = "velvet otter lantern";
    private readonly FakeTimeProvider _time = new(StaffServices.Now.AddSeconds(10));
    private readonly IServiceProvider _services;

    public StaffSecondFactorTests() => _services = StaffServices.Build(_time);

    private string Authenticator => TokenOptions.DefaultAuthenticatorProvider;

    [Fact]
    public async Task An_authenticator_code_computed_from_the_enrolment_key_verifies_once()
    {
        var (users, user, key) = await EnrolAsync();

        var code = TotpCodes.At(key, _time.GetUtcNow());
        Assert.True(await users.VerifyTwoFactorTokenAsync(user, Authenticator, code));
        Assert.False(await users.VerifyTwoFactorTokenAsync(user, Authenticator, code));
        // Not on another request either: the used step is stored with the account.
        Assert.False(await _services.Users().VerifyTwoFactorTokenAsync((await _services.Users().FindByNameAsync("ana"))!, Authenticator, code));

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await users.VerifyTwoFactorTokenAsync(user, Authenticator, TotpCodes.At(key, _time.GetUtcNow())));
    }

    [Fact]
    public async Task A_code_from_one_step_either_side_is_taken_and_from_further_away_is_not()
    {
        var (users, user, key) = await EnrolAsync();
        // Well past the step the enrolment used, so the step before now is unused.
        _time.Advance(TimeSpan.FromMinutes(2));
        var now = _time.GetUtcNow();

        Assert.False(await users.VerifyTwoFactorTokenAsync(user, Authenticator, TotpCodes.At(key, now.AddSeconds(-60))));
        Assert.False(await users.VerifyTwoFactorTokenAsync(user, Authenticator, TotpCodes.At(key, now.AddSeconds(60))));
        Assert.True(await users.VerifyTwoFactorTokenAsync(user, Authenticator, TotpCodes.At(key, now.AddSeconds(-30))));
        Assert.True(await users.VerifyTwoFactorTokenAsync(user, Authenticator, TotpCodes.At(key, now.AddSeconds(30))));
        // Once a later step was used, an earlier one is too old, even if it was never used.
        Assert.False(await users.VerifyTwoFactorTokenAsync(user, Authenticator, TotpCodes.At(key, now)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("abcdef")]
    public async Task A_code_that_is_not_six_digits_is_refused(string code)
    {
        var (users, user, _) = await EnrolAsync();

        Assert.False(await users.VerifyTwoFactorTokenAsync(user, Authenticator, code));
    }

    [Fact]
    public async Task Without_an_authenticator_no_code_verifies_and_two_factor_is_not_offered()
    {
        var user = await _services.AddAsync("ana", Password);
        var users = _services.Users();

        Assert.Empty(await users.GetValidTwoFactorProvidersAsync(user));
        Assert.False(await users.VerifyTwoFactorTokenAsync(user, Authenticator, "000000"));
    }

    [Fact]
    public async Task Recovery_codes_are_ten_different_ones_each_good_once()
    {
        var (users, user, _) = await EnrolAsync();

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();

        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal(10, await users.CountRecoveryCodesAsync(user));
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[3])).Succeeded);
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[3])).Succeeded);
        var fresh = (await _services.Users().FindByNameAsync("ana"))!;
        Assert.False((await _services.Users().RedeemTwoFactorRecoveryCodeAsync(fresh, codes[3])).Succeeded);
        Assert.Equal(9, await _services.Users().CountRecoveryCodesAsync((await _services.Users().FindByNameAsync("ana"))!));
    }

    [Fact]
    public async Task Wrong_recovery_codes_count_as_failed_attempts_and_a_locked_account_redeems_none()
    {
        var (users, user, _) = await EnrolAsync();
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();

        for (var attempt = 0; attempt < 5; attempt++) await users.RedeemTwoFactorRecoveryCodeAsync(user, $"WRONG-{attempt:00000}");

        Assert.True(await users.IsLockedOutAsync(user));
        Assert.Equal(StaffUserManager.LockedOut.Code, Assert.Single((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[0])).Errors).Code);
        Assert.Equal(10, await users.CountRecoveryCodesAsync(user));
    }

    [Fact]
    public async Task A_reset_gives_a_new_password_clears_every_second_factor_lifts_the_lockout_and_changes_the_stamp()
    {
        var (users, user, key) = await EnrolAsync();
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await users.SetLockoutEndDateAsync(user, _time.GetUtcNow().AddMinutes(10));
        var stamp = await users.GetSecurityStampAsync(user);

        var reset = await users.ResetAsync(user, "new quiet garden gate");

        Assert.True(reset.Succeeded);
        var stored = (await _services.Users().FindByNameAsync("ana"))!;
        var fresh = _services.Users();
        Assert.True(await fresh.CheckPasswordAsync(stored, "new quiet garden gate"));
        Assert.False(await fresh.CheckPasswordAsync(stored, Password));
        Assert.False(stored.TwoFactorEnabled);
        Assert.Null(await fresh.GetAuthenticatorKeyAsync(stored));
        Assert.Equal(0, await fresh.CountRecoveryCodesAsync(stored));
        Assert.False(await fresh.IsLockedOutAsync(stored));
        Assert.NotEqual(stamp, await fresh.GetSecurityStampAsync(stored));
        Assert.False(await fresh.VerifyTwoFactorTokenAsync(stored, Authenticator, TotpCodes.At(key, _time.GetUtcNow().AddSeconds(30))));
    }

    [Fact]
    public async Task A_reset_with_a_weak_password_changes_nothing()
    {
        var (users, user, key) = await EnrolAsync();

        var reset = await users.ResetAsync(user, "password1234");

        Assert.Contains(StaffPasswordValidator.Common.Code, reset.Errors.Select(error => error.Code));
        var stored = (await _services.Users().FindByNameAsync("ana"))!;
        Assert.True(stored.TwoFactorEnabled);
        Assert.Equal(key, await _services.Users().GetAuthenticatorKeyAsync(stored));
        Assert.True(await _services.Users().CheckPasswordAsync(stored, Password));
    }

    [Fact]
    public async Task The_principal_carries_the_role_as_a_role_claim_and_whether_a_second_factor_is_set_up()
    {
        await _services.AddAsync("ana", Password, StaffRoles.Admin);
        await _services.AddAsync("bo", Password, StaffRoles.Staff);

        var ana = await PrincipalAsync("ana");
        var bo = await PrincipalAsync("bo");

        Assert.True(ana.IsInRole(StaffRoles.Admin));
        Assert.False(bo.IsInRole(StaffRoles.Admin));
        Assert.True(bo.IsInRole(StaffRoles.Staff));
        Assert.Equal(("ANA", "ana"), (ana.FindFirstValue(ClaimTypes.NameIdentifier), ana.Identity!.Name));
        Assert.Equal(StaffClaimsPrincipalFactory.SecondFactorNone, ana.FindFirstValue(StaffClaimsPrincipalFactory.SecondFactorClaimType));

        await EnrolAsync("bo");
        Assert.Equal(StaffClaimsPrincipalFactory.SecondFactorEnrolled, (await PrincipalAsync("bo")).FindFirstValue(StaffClaimsPrincipalFactory.SecondFactorClaimType));
    }

    private async Task<ClaimsPrincipal> PrincipalAsync(string name)
    {
        using var scope = _services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<StaffUserManager>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>();
        return await factory.CreateAsync((await users.FindByNameAsync(name))!);
    }

    /// <summary>What the console's enrolment does: a new key, a code from the app to prove it, then two-factor on.</summary>
    private async Task<(StaffUserManager Users, StaffUser User, string Key)> EnrolAsync(string name = "ana")
    {
        var users = _services.Users();
        var user = await users.FindByNameAsync(name) ?? await _services.AddAsync(name, Password);
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        Assert.True(await users.VerifyTwoFactorTokenAsync(user, Authenticator, TotpCodes.At(key, _time.GetUtcNow())));
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        // The enrolment's code used this step: the tests start on the next one.
        _time.Advance(TimeSpan.FromSeconds(30));
        return (users, user, key);
    }
}
