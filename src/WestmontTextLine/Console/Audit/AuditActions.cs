namespace WestmontTextLine.Console.Audit;

/// <summary>The names of what the audit log records; the console's sign-ins and the inbox add theirs here.</summary>
public static class AuditActions
{
    /// <summary>The actor of changes made with the `staff` command on the server.</summary>
    public const string CommandLine = "cli";

    public const string StaffAdded = "staff.added";
    public const string StaffRemoved = "staff.removed";
    public const string StaffReset = "staff.reset";
    public const string StaffRoleChanged = "staff.role-changed";
    public const string StaffSecondFactorCleared = "staff.second-factor-cleared";
}
