using Microsoft.AspNetCore.Identity;

namespace WestmontTextLine.Console.Accounts;

/// <summary>What Identity's UserValidator does not check of a staff account: a known role, and a name of sensible length.</summary>
public sealed class StaffUserValidator : IUserValidator<StaffUser>
{
    public static IdentityError UnknownRole(string role) => new()
    {
        Code = "StaffRoleUnknown",
        Description = $"The role '{role}' is not one of {string.Join(", ", StaffRoles.All)}.",
    };

    public static IdentityError NameTooLong => new()
    {
        Code = "StaffNameTooLong",
        Description = $"A staff account's name is at most {StaffUserStore.MaxUserNameLength} characters.",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user)
    {
        var errors = new List<IdentityError>();
        if (!StaffRoles.IsKnown(user.Role)) errors.Add(UnknownRole(user.Role));
        if (user.UserName.Length > StaffUserStore.MaxUserNameLength) errors.Add(NameTooLong);
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
