using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Console.Pages.Admin;

/// <summary>
/// What the Staff page asks before a change that cannot be undone, or that signs a colleague out, as the shift page
/// asks "Go off shift?" before leaving texters alone: the table's Remove, Reset second factor, Set password, Make admin
/// and Make staff buttons open this question (a GET, which changes nothing), and only its own button posts the change,
/// to the same handler with the same fields (<c>name</c>, <c>role</c> for a role, <c>password</c> for a password) as
/// before. One press acting at once would let a slip of the finger at 3 AM remove a colleague in the middle of her
/// shift, wipe her authenticator app, or make a volunteer an administrator (WCAG 3.3.4).
/// </summary>
/// <param name="Handler">The page handler that makes the change when posted (Remove, ClearSecondFactor, Reset, Role).</param>
/// <param name="Title">The page's title and the question's heading ("Remove bob?").</param>
/// <param name="Consequence">What happens, said plainly, and that it cannot be undone.</param>
/// <param name="Confirm">The button that makes the change.</param>
/// <param name="Keep">The link back that changes nothing.</param>
/// <param name="Role">The role a change of role posts (admin, staff); null for the other changes.</param>
/// <param name="PasswordField">The id of the field for the new password, which the question holds; null for the other changes.</param>
/// <param name="SelfNote">Said when the account is the administrator's own, which the change signs out too; else null.</param>
public sealed record StaffChangeQuestion(string Handler, string Name, string Title, string Consequence, string Confirm, string Keep, bool OnShift,
    string? Role = null, string? PasswordField = null, string? SelfNote = null)
{
    public const string RemoveHandler = "Remove";
    public const string ClearSecondFactorHandler = "ClearSecondFactor";
    public const string RoleHandler = "Role";
    public const string SetPasswordHandler = "Reset";

    /// <summary>The id of the question's button, which a problem with no field of its own is said at.</summary>
    public const string ConfirmButton = "staff-question-confirm";

    public static StaffChangeQuestion Remove(string name, bool onShift) => new(RemoveHandler, name,
        $"Remove {name}?",
        $"{name} can no longer sign in to the console, and any session of theirs ends at once. This cannot be undone: to " +
        "have them back, add a new account, and they set up their second factor again. The audit log keeps what they did, under their name.",
        $"Remove {name}", $"Keep {name}: back to the accounts", onShift);

    public static StaffChangeQuestion ClearSecondFactor(string name, bool onShift, bool self) => new(ClearSecondFactorHandler, name,
        $"Reset {name}'s second factor?",
        $"{name}'s authenticator app, recovery codes and passkeys stop working, and any session of theirs ends at once. " +
        "This cannot be undone: they sign in again with their password and set up a second factor anew. Do this when they " +
        "lost their phone or their codes, not to sign them out.",
        $"Reset the second factor of {name}", $"Keep {name}'s second factor: back to the accounts", onShift,
        SelfNote: self ? "This is your own account: you are signed out at once, and set up a second factor again when you sign in." : null);

    /// <summary>
    /// Set password. The new password is typed in the question itself, after what it does is said: it also wipes the
    /// person's second factor and passkeys, which an administrator who only meant "she forgot her password" may not
    /// expect; and a password typed in the table went with one press, where the next row's button was a slip away.
    /// </summary>
    public static StaffChangeQuestion SetPassword(string name, string passwordField, bool onShift, bool self) => new(SetPasswordHandler, name,
        $"Set a new password for {name}?",
        $"{name}'s old password, authenticator app, recovery codes and passkeys stop working, and any session of theirs ends at " +
        "once: they sign in with the new password and set up a second factor anew. This cannot be undone. Give them the password " +
        "in person or by phone, never by text or e-mail.",
        $"Set the new password for {name}", $"Keep {name}'s password: back to the accounts", onShift, PasswordField: passwordField,
        SelfNote: self ? "This is your own account: you are signed out at once, and sign in again with the new password and a new second factor." : null);

    /// <summary>
    /// Make admin or Make staff. It can be undone, but it signs them out everywhere and takes them off shift at once, and
    /// an administrator manages every account and reads the audit log: not a change for a slip of the finger.
    /// </summary>
    public static StaffChangeQuestion ChangeRole(string name, string role, bool onShift) => role == StaffRoles.Admin
        ? new(RoleHandler, name,
            $"Make {name} an administrator?",
            $"{name} can then add, change and remove accounts (yours too), set passwords, reset second factors and read the audit " +
            $"log. Any session of theirs ends at once: they sign in again. To undo it, make {name} staff again.",
            $"Make {name} admin", $"Keep {name} as staff: back to the accounts", onShift, role)
        : new(RoleHandler, name,
            $"Make {name} staff?",
            $"{name} can no longer manage accounts or read the audit log. Any session of theirs ends at once: they sign in " +
            $"again. To undo it, make {name} admin again.",
            $"Make {name} staff", $"Keep {name} as admin: back to the accounts", onShift, role);

    /// <summary>Said when she is on shift: the change takes her off it, mid-conversation perhaps.</summary>
    public string? ShiftNote => OnShift
        ? $"{Name} is on shift now: this takes them off shift and signs them out, in the middle of any conversation they are answering."
        : null;
}
