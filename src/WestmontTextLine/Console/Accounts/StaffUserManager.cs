using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// Identity's UserManager for staff accounts, registered as UserManager&lt;StaffUser&gt; too (SignInManager uses it).
/// What it changes from the framework's:
/// <list type="bullet">
/// <item>Lockout follows the line's <see cref="TimeProvider"/> (Identity's own reads DateTimeOffset.UtcNow), so a
/// test's fake clock, and every other timer of the line, agree with it.</item>
/// <item>Failed attempts are counted by compare-and-set, reloading and counting again on a conflict: a burst of
/// wrong passwords sent at once counts every one, where a plain store would let all but one be lost.</item>
/// <item>Wrong passwords at sign-in are counted apart from wrong codes (<see cref="PasswordFailedAsync"/>): the
/// sign-in page locks them out per address first (<see cref="PasswordGuesses"/>), and the account only after
/// <see cref="PasswordGuesses.AcrossAddresses"/> of them.</item>
/// <item>A recovery code is refused while the account is locked out, and a wrong one counts as a failed attempt
/// (Identity's recovery-code sign-in checks neither).</item>
/// <item><see cref="ResetAsync"/> and <see cref="ClearSecondFactorAsync"/>: an administrator's changes, each one write.</item>
/// <item><see cref="RetryOnConflictAsync"/>: a change through Identity's own methods (passkeys), applied again on a conflict.</item>
/// </list>
/// </summary>
public sealed class StaffUserManager(
    IUserStore<StaffUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<StaffUser> passwordHasher,
    IEnumerable<IUserValidator<StaffUser>> userValidators,
    IEnumerable<IPasswordValidator<StaffUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<StaffUser>> logger,
    TimeProvider time)
    : UserManager<StaffUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private const int Attempts = 8;

    public TimeProvider Time => time;

    public static IdentityError LockedOut => new()
    {
        Code = "StaffAccountLockedOut",
        Description = "Too many failed attempts: this account is locked for a while.",
    };

    public override Task<bool> IsLockedOutAsync(StaffUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.State.LockoutEnabled && user.State.LockoutEnd >= time.GetUtcNow());
    }

    public override Task<IdentityResult> AccessFailedAsync(StaffUser user) => ChangeAsync(user, failed =>
    {
        var count = failed.State.AccessFailedCount + 1;
        failed.State = count < Options.Lockout.MaxFailedAccessAttempts
            ? failed.State with { AccessFailedCount = count }
            : failed.State with { AccessFailedCount = 0, LockoutEnd = time.GetUtcNow() + Options.Lockout.DefaultLockoutTimeSpan };
        return true;
    });

    /// <summary>
    /// Counts a wrong password at sign-in from any address; the <see cref="PasswordGuesses.AcrossAddresses"/>th locks
    /// the account (password and codes; a passkey still signs in) as <see cref="AccessFailedAsync"/>'s fifth does.
    /// True when it locked. Wrong codes and the Passkeys page's password go on counting through AccessFailedAsync.
    /// </summary>
    public async Task<bool> PasswordFailedAsync(StaffUser user)
    {
        var locked = false;
        await ChangeAsync(user, failed =>
        {
            var count = failed.State.PasswordFailedCount + 1;
            locked = count >= PasswordGuesses.AcrossAddresses;
            failed.State = locked
                ? failed.State with { PasswordFailedCount = 0, LockoutEnd = time.GetUtcNow() + PasswordGuesses.LockFor }
                : failed.State with { PasswordFailedCount = count };
            return true;
        });
        return locked;
    }

    /// <summary>
    /// Notes a completed sign-in (both factors, or a passkey), so that `staff list` and the Staff page show an account
    /// nobody has used for months, to remove.
    /// </summary>
    public Task<IdentityResult> SignedInAsync(StaffUser user) => ChangeAsync(user, signedIn =>
    {
        signedIn.State = signedIn.State with { LastSignedInAt = time.GetUtcNow() };
        return true;
    });

    public override Task<IdentityResult> ResetAccessFailedCountAsync(StaffUser user) => ChangeAsync(user, reset =>
    {
        if (reset.State.AccessFailedCount == 0 && reset.State.PasswordFailedCount == 0) return false;
        reset.State = reset.State with { AccessFailedCount = 0, PasswordFailedCount = 0 };
        return true;
    });

    public override async Task<IdentityResult> RedeemTwoFactorRecoveryCodeAsync(StaffUser user, string code)
    {
        if (await IsLockedOutAsync(user)) return IdentityResult.Failed(LockedOut);
        var redeemed = await base.RedeemTwoFactorRecoveryCodeAsync(user, code);
        if (!redeemed.Succeeded && !IsConflict(redeemed)) await AccessFailedAsync(user);
        return redeemed;
    }

    /// <summary>
    /// A new password (checked like any other), and a fresh start: second factors cleared, so the person enrols again
    /// at the next sign-in; lockout lifted; the security stamp changed, which ends every console session of theirs.
    /// </summary>
    public async Task<IdentityResult> ResetAsync(StaffUser user, string newPassword)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        var hashed = await UpdatePasswordHash(user, newPassword, validatePassword: true);
        if (!hashed.Succeeded) return hashed;
        user.ClearSecondFactor();
        user.State = user.State with { AccessFailedCount = 0, PasswordFailedCount = 0, LockoutEnd = null };
        return await UpdateUserAsync(user);
    }

    /// <summary>Forgets the authenticator, recovery codes and passkeys and ends the person's sessions: they enrol again at sign-in.</summary>
    public Task<IdentityResult> ClearSecondFactorAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.ClearSecondFactor();
        return UpdateSecurityStampAsync(user);
    }

    /// <summary>A new role; the security stamp changes too, so the person signs in again under it.</summary>
    public Task<IdentityResult> ChangeRoleAsync(StaffUser user, string role)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.ChangeRole(role);
        return UpdateSecurityStampAsync(user);
    }

    /// <summary>
    /// Records that an authenticator code of this 30-second step was used, if no code of this step or a later one
    /// was: false for a replayed code. By compare-and-set, so of two sign-ins with one code, one wins.
    /// </summary>
    internal async Task<bool> UseAuthenticatorStepAsync(StaffUser user, long step)
    {
        var fresh = false;
        var used = await ChangeAsync(user, marked =>
        {
            fresh = marked.State.LastAuthenticatorStep < step;
            if (fresh) marked.State = marked.State with { LastAuthenticatorStep = step };
            return fresh;
        });
        return used.Succeeded && fresh;
    }

    /// <summary>
    /// Applies a change made through Identity's own methods, which store the account (a passkey added or removed, a
    /// new security stamp); on a conflict (the person signing in elsewhere that moment), reloads the account into
    /// <paramref name="user"/> and applies it again. The change sees the account as stored, so it can check again
    /// whatever it depends on.
    /// </summary>
    public async Task<IdentityResult> RetryOnConflictAsync(StaffUser user, Func<StaffUser, Task<IdentityResult>> change)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        for (var attempt = 1; ; attempt++)
        {
            var result = await change(user);
            if (result.Succeeded || !IsConflict(result) || attempt == Attempts) return result;
            if (await FindByIdAsync(await GetUserIdAsync(user)) is not { } stored) return result;
            user.CopyFrom(stored);
        }
    }

    public static bool IsConflict(IdentityResult result) =>
        result.Errors.Any(error => error.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));

    /// <summary>
    /// Applies a change (false: nothing to change) and stores it; on a conflict, reloads the account into
    /// <paramref name="user"/> and applies it again, so the change lands on the newest version.
    /// </summary>
    private async Task<IdentityResult> ChangeAsync(StaffUser user, Func<StaffUser, bool> change)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        for (var attempt = 1; ; attempt++)
        {
            if (!change(user)) return IdentityResult.Success;
            var result = await UpdateUserAsync(user);
            if (result.Succeeded || !IsConflict(result) || attempt == Attempts) return result;
            if (await FindByIdAsync(await GetUserIdAsync(user)) is not { } stored) return result;
            user.CopyFrom(stored);
        }
    }
}
