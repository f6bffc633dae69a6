using Microsoft.AspNetCore.Identity;

namespace WestmontTextLine.Console.Accounts;

/// <summary>Password hash, security stamp, lockout and the two-factor switch: plain fields, written by UpdateAsync.</summary>
public sealed partial class StaffUserStore
{
    public Task SetPasswordHashAsync(StaffUser user, string? passwordHash, CancellationToken cancellationToken) =>
        Change(user, state => state with { PasswordHash = passwordHash });

    public Task<string?> GetPasswordHashAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.State.PasswordHash);

    public Task<bool> HasPasswordAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.State.PasswordHash is not null);

    public Task SetSecurityStampAsync(StaffUser user, string stamp, CancellationToken cancellationToken) =>
        Change(user, state => state with { SecurityStamp = stamp });

    public Task<string?> GetSecurityStampAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.State.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.State.LockoutEnd);

    public Task SetLockoutEndDateAsync(StaffUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken) =>
        Change(user, state => state with { LockoutEnd = lockoutEnd });

    public Task<int> IncrementAccessFailedCountAsync(StaffUser user, CancellationToken cancellationToken)
    {
        user.State = user.State with { AccessFailedCount = user.State.AccessFailedCount + 1 };
        return Task.FromResult(user.State.AccessFailedCount);
    }

    public Task ResetAccessFailedCountAsync(StaffUser user, CancellationToken cancellationToken) =>
        Change(user, state => state with { AccessFailedCount = 0 });

    public Task<int> GetAccessFailedCountAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.State.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.State.LockoutEnabled);

    public Task SetLockoutEnabledAsync(StaffUser user, bool enabled, CancellationToken cancellationToken) =>
        Change(user, state => state with { LockoutEnabled = enabled });

    public Task SetTwoFactorEnabledAsync(StaffUser user, bool enabled, CancellationToken cancellationToken) =>
        Change(user, state => state with { TwoFactorEnabled = enabled });

    public Task<bool> GetTwoFactorEnabledAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.State.TwoFactorEnabled);

    private static Task Change(StaffUser user, Func<StaffUserRecord, StaffUserRecord> change)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.State = change(user.State);
        return Task.CompletedTask;
    }
}
