namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// The one role each staff account has. "admin" manages accounts and reads the audit log; "staff" uses the rest of
/// the console. The role reaches the signed-in principal as a role claim (<see cref="StaffClaimsPrincipalFactory"/>),
/// so `RequireRole(StaffRoles.Admin)` and `User.IsInRole(...)` work.
/// </summary>
public static class StaffRoles
{
    public const string Admin = "admin";
    public const string Staff = "staff";

    public static IReadOnlyList<string> All { get; } = [Admin, Staff];

    public static bool IsKnown(string? role) => role is Admin or Staff;
}
