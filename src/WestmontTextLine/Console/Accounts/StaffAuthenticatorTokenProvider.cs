using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// Checks the 6-digit codes of an authenticator app, in place of Identity's AuthenticatorTokenProvider (registered
/// under the same name, "Authenticator", so SignInManager.TwoFactorAuthenticatorSignInAsync uses it). It differs in
/// three ways: a code is good once, as RFC 6238 (5.2) asks, so a code seen over a shoulder or in a proxy's log cannot
/// be used again; the window is one step either side (Identity allows two); and time is the line's TimeProvider.
/// </summary>
public sealed class StaffAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<StaffUser>
{
    private const int StepsEitherSide = 1;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Nothing: the person's app makes the codes.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        if (manager is not StaffUserManager staffManager)
        {
            throw new InvalidOperationException($"Staff accounts need {nameof(StaffUserManager)} (AddStaffAccounts registers it).");
        }
        var code = token.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length != AuthenticatorCodes.Digits || !code.All(char.IsAsciiDigit)) return false;
        if (await manager.GetAuthenticatorKeyAsync(user) is not { } key || AuthenticatorCodes.FromBase32(key) is not { } secret) return false;

        var now = AuthenticatorCodes.StepAt(time.GetUtcNow());
        for (var step = now - StepsEitherSide; step <= now + StepsEitherSide; step++)
        {
            var expected = Encoding.ASCII.GetBytes(AuthenticatorCodes.Code(secret, step));
            if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(code)))
            {
                return await staffManager.UseAuthenticatorStepAsync(user, step);
            }
        }
        return false;
    }
}
