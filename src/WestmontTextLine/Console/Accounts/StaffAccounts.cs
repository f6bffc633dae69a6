using Microsoft.AspNetCore.Identity;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Handoff;

namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// The account changes an administrator makes, from the `staff` command or the console's admin page: each one
/// through <see cref="StaffUserManager"/> (so every password rule and the compare-and-set apply), written to the audit
/// log under the actor who made it. A change that meets a concurrent one (the person signing in that moment) is
/// made again on the newest version. A change that signs the person out everywhere (remove, reset, second factor
/// cleared, role changed) also takes them off shift: texters must not be told someone will text back when that
/// someone can no longer sign in. No change leaves the line without an administrator (<see cref="KeepsAnAdminAsync"/>):
/// two administrators demoting or removing each other at the same moment, on one instance or two, leave one of them
/// an administrator. Scoped, like UserManager.
/// </summary>
public sealed class StaffAccounts(StaffUserManager users, StaffUserStore store, IAuditLog audit, IShifts shifts, LongShiftEnds longShifts)
{
    private const int Attempts = 4;

    public static IdentityError Unknown(string userName) => new()
    {
        Code = "StaffAccountUnknown",
        Description = $"There is no staff account '{userName}'.",
    };

    public static IdentityError LastAdmin(string userName) => new()
    {
        Code = "StaffLastAdmin",
        Description = $"{userName} is the last administrator, and the line must keep one: add another administrator first " +
            $"(in the console, or on the server: staff add NAME --role {StaffRoles.Admin}).",
    };

    public async Task<IdentityResult> AddAsync(string userName, string role, string password, string actor, CancellationToken cancellationToken = default)
    {
        var user = new StaffUser(userName, role);
        var added = await users.CreateAsync(user, password);
        if (added.Succeeded) await AuditAsync(actor, AuditActions.StaffAdded, $"{user.UserName} ({role})", cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<StaffAccountSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = users.Time.GetUtcNow();
        return [.. (await store.ListAsync(cancellationToken)).Select(user => new StaffAccountSummary(
            user.UserName, user.Role, user.TwoFactorEnabled, user.PasskeyCount, user.LockoutEnd >= now ? user.LockoutEnd : null,
            user.ConcurrencyStamp, user.LastSignedInAt))];
    }

    public async Task<IdentityResult> RemoveAsync(string userName, string actor, CancellationToken cancellationToken = default)
    {
        if (await users.FindByNameAsync(userName) is not { } user) return IdentityResult.Failed(Unknown(userName));
        var demoted = false;
        if (user.Role == StaffRoles.Admin)
        {
            // Made staff first, where another administrator is checked for, then removed.
            var demotion = await ChangeAsync(userName, staff => users.ChangeRoleAsync(staff, StaffRoles.Staff), actor, action: null, target: null,
                cancellationToken, demotes: true);
            if (!demotion.Succeeded) return demotion;
            demoted = true;
        }
        IdentityResult removed;
        try
        {
            if (demoted)
            {
                // Removed by someone else meanwhile: that removal wrote its own line.
                if (await users.FindByNameAsync(userName) is not { } staff) return IdentityResult.Failed(Unknown(userName));
                user = staff;
            }
            removed = await users.DeleteAsync(user);
        }
        catch (Exception) when (demoted)
        {
            await AuditDemotionAsync(actor, user.UserName);
            throw;
        }
        if (removed.Succeeded)
        {
            await AuditAsync(actor, AuditActions.StaffRemoved, user.UserName, cancellationToken);
            await TakeOffShiftAsync(user.UserName, actor, cancellationToken);
        }
        else if (demoted)
        {
            await AuditDemotionAsync(actor, user.UserName);
        }
        return removed;
    }

    /// <summary>A new password; second factors cleared (enrolment again at the next sign-in); lockout lifted; signed out everywhere.</summary>
    public Task<IdentityResult> ResetAsync(string userName, string newPassword, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, user => users.ResetAsync(user, newPassword), actor, AuditActions.StaffReset, user => user.UserName, cancellationToken);

    public Task<IdentityResult> ClearSecondFactorAsync(string userName, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, users.ClearSecondFactorAsync, actor, AuditActions.StaffSecondFactorCleared, user => user.UserName, cancellationToken);

    public Task<IdentityResult> ChangeRoleAsync(string userName, string role, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, user => users.ChangeRoleAsync(user, role), actor, AuditActions.StaffRoleChanged, user => $"{user.UserName} ({role})",
            cancellationToken, demotes: role != StaffRoles.Admin);

    /// <param name="action">The audit line of the change itself; null for a removal's first step, whose line is the removal's.</param>
    private async Task<IdentityResult> ChangeAsync(string userName, Func<StaffUser, Task<IdentityResult>> change, string actor, string? action,
        Func<StaffUser, string>? target, CancellationToken cancellationToken, bool demotes = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await users.FindByNameAsync(userName) is not { } user) return IdentityResult.Failed(Unknown(userName));
            var wasAdmin = demotes && user.Role == StaffRoles.Admin;
            if (wasAdmin && !await OtherAdminAsync(user.UserName, cancellationToken)) return IdentityResult.Failed(LastAdmin(user.UserName));
            var changed = await change(user);
            if (changed.Succeeded && wasAdmin && user.Role != StaffRoles.Admin && !await KeepsAnAdminAsync(user.UserName, cancellationToken))
            {
                return IdentityResult.Failed(LastAdmin(user.UserName));
            }
            if (changed.Succeeded)
            {
                if (action is not null) await AuditAsync(actor, action, target!(user), cancellationToken);
                await TakeOffShiftAsync(user.UserName, actor, cancellationToken);
            }
            if (changed.Succeeded || !StaffUserManager.IsConflict(changed) || attempt == Attempts) return changed;
        }
    }

    /// <summary>
    /// Takes her off shift after a change that signs her out everywhere; if she was on shift, the audit log says so
    /// ("shift.off", by who made the change, about her), so a reader of the trail can tell when texters stopped being
    /// told that she would text back.
    /// </summary>
    private async Task TakeOffShiftAsync(string userName, string actor, CancellationToken cancellationToken)
    {
        await longShifts.RecordAsync(cancellationToken);
        var wasOn = (await shifts.OnShiftAsync(cancellationToken)).Contains(userName, StringComparer.OrdinalIgnoreCase);
        await shifts.GoOffAsync(userName, cancellationToken);
        if (wasOn) await AuditAsync(actor, ConsoleAuditActions.ShiftOff, userName, cancellationToken);
    }

    private async Task<bool> OtherAdminAsync(string userName, CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken)).Any(user => user.Role == StaffRoles.Admin && !string.Equals(user.UserName, userName, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// After an administrator was made staff: true if one is left. Otherwise (another administrator was demoted or
    /// removed at the same moment, each seeing the other before) the account is made an administrator again, and false.
    /// Each checks after its own change is stored, so of two such changes at least the later one sees both and undoes
    /// its own.
    /// </summary>
    private async Task<bool> KeepsAnAdminAsync(string userName, CancellationToken cancellationToken)
    {
        if ((await store.ListAsync(cancellationToken)).Any(user => user.Role == StaffRoles.Admin)) return true;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (await users.FindByNameAsync(userName) is not { } user) return false;
            if (user.Role == StaffRoles.Admin || (await users.ChangeRoleAsync(user, StaffRoles.Admin)).Succeeded) return false;
        }
        return false;
    }

    /// <summary>
    /// A removal that failed after its first step: she is staff now, and the log says who made her so, as a change of
    /// role would. Not cancelled with the request: the demotion is stored already.
    /// </summary>
    private Task AuditDemotionAsync(string actor, string userName) =>
        AuditAsync(actor, AuditActions.StaffRoleChanged, $"{userName} ({StaffRoles.Staff})", CancellationToken.None);

    private Task AuditAsync(string actor, string action, string target, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditEntry(users.Time.GetUtcNow(), actor, action, target), cancellationToken);
}
