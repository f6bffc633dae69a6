using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Console;

/// <summary>
/// Signing in with a passkey alone. The browser asks for a challenge (<see cref="RequestOptionsAsync"/>, kept in the
/// short-lived two-factor cookie), the authenticator signs it after checking its owner's PIN, fingerprint or face,
/// and Identity's passkey handler checks the signature, the origin, the relying party and user verification. A passkey
/// is both factors, so a sign-in with one carries amr = mfa, the claim every console page asks for, exactly as a
/// password followed by an authenticator code does (<see cref="ConsoleClaims"/>).
/// <para>
/// What the console adds to <c>SignInManager.PasskeySignInAsync</c>, which it does not use because that one signs in
/// with amr = pwd: a success clears the failed attempts (as a code does), the new signature count is stored by compare-and-set without ever going backwards, and every attempt is
/// audited by account and passkey, never by what a stranger sent. A lockout does not stop a passkey: it is there to
/// stop guessing, and a passkey cannot be guessed, so someone who knows a name and locks the account with wrong
/// passwords does not keep its owner out of the console.
/// </para>
/// </summary>
public sealed class PasskeySignIn(SignInManager<StaffUser> signIn, StaffUserManager users, ConsoleAudit audit, ILogger<PasskeySignIn> logger)
{
    public enum Outcome
    {
        SignedIn,
        Failed,

        /// <summary>No ceremony was waiting in this browser: it took more than 5 minutes, or the post came from elsewhere.</summary>
        Expired,
    }

    /// <summary>The options for navigator.credentials.get, as JSON: a new challenge, and no account named.</summary>
    public Task<string> RequestOptionsAsync() => signIn.MakePasskeyRequestOptionsAsync(user: null);

    public async Task<Outcome> SignInAsync(string credentialJson)
    {
        if (string.IsNullOrWhiteSpace(credentialJson) || credentialJson.Length > ConsolePasskeys.MaxCredentialJsonLength) return Outcome.Failed;
        PasskeyAssertionResult<StaffUser> assertion;
        try
        {
            assertion = await signIn.PerformPasskeyAssertionAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            return Outcome.Expired;
        }
        if (!assertion.Succeeded)
        {
            logger.LogDebug("A passkey sign-in was refused: {Reason}", assertion.Failure.Message);
            await AuditFailureAsync(credentialJson);
            return Outcome.Failed;
        }

        var user = assertion.User;
        var used = assertion.Passkey;
        var described = PasskeyNames.Describe(used.Name, used.CredentialId);
        var saved = await users.RetryOnConflictAsync(user, current => SaveSignCountAsync(current, used));
        if (!saved.Succeeded)
        {
            await audit.RecordAsync(user.UserName, ConsoleAuditActions.PasskeyFailed, described);
            return Outcome.Failed;
        }
        await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(ConsoleClaims.AuthenticationMethod, ConsoleClaims.MultiFactor)]);
        await users.SignedInAsync(user);
        await audit.RecordAsync(user.UserName, ConsoleAuditActions.SignedInWithPasskey, described);
        return Outcome.SignedIn;
    }

    /// <summary>
    /// Stores the passkey with its new signature count, on the account as stored now: refused if the passkey was
    /// removed meanwhile, or if another sign-in already stored this count or a later one (a replayed signature).
    /// </summary>
    private async Task<IdentityResult> SaveSignCountAsync(StaffUser current, UserPasskeyInfo used)
    {
        var stored = await users.GetPasskeyAsync(current, used.CredentialId);
        if (stored is null || (used.SignCount != 0 && stored.SignCount >= used.SignCount))
        {
            return IdentityResult.Failed(new IdentityError { Code = "PasskeyChanged", Description = "The passkey changed during the sign-in." });
        }
        return await users.AddOrUpdatePasskeyAsync(current, used);
    }

    /// <summary>A refused passkey is audited under the account that holds it, if one does; otherwise under no name.</summary>
    private async Task AuditFailureAsync(string credentialJson)
    {
        var credentialId = PasskeyNames.CredentialIdOf(credentialJson);
        var holder = credentialId is null ? null : await users.FindByPasskeyIdAsync(credentialId);
        if (holder is null)
        {
            await audit.RecordAsync(ConsoleAudit.UnknownActor, ConsoleAuditActions.PasskeyFailed);
            return;
        }
        var passkey = await users.GetPasskeyAsync(holder, credentialId!);
        await audit.RecordAsync(holder.UserName, ConsoleAuditActions.PasskeyFailed, PasskeyNames.Describe(passkey?.Name, credentialId!));
    }
}
