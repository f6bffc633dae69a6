using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Console.Pages.Admin;

/// <summary>
/// Accounts for administrators: add one, change a role, set a new password, clear a second factor (the person sets it
/// up again at the next sign-in), remove one. Every change goes through <see cref="StaffAccounts"/>, which applies
/// the password rules and writes the audit log. An administrator cannot remove or demote their own account, and
/// StaffAccounts refuses to demote or remove the last administrator (two demoting each other at once included), so the
/// console always keeps one administrator who can sign in.
/// </summary>
public sealed class StaffModel(StaffAccounts accounts) : PageModel
{
    public IReadOnlyList<StaffAccountSummary> Accounts { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    [BindProperty, Required, Display(Name = "Name"), StringLength(64)]
    public string? NewName { get; set; }

    [BindProperty, Required, Display(Name = "Role")]
    public string NewRole { get; set; } = StaffRoles.Staff;

    [BindProperty, Required, DataType(DataType.Password), Display(Name = "First password (at least 12 characters)")]
    public string? NewPassword { get; set; }

    private string Actor => User.Identity!.Name!;

    public async Task OnGetAsync() => Accounts = await accounts.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!ModelState.IsValid) return await ShowAsync(["Give a name, a role and a first password."]);
        if (!StaffRoles.IsKnown(NewRole)) return await ShowAsync(["Choose the role admin or staff."]);
        return await AfterAsync(await accounts.AddAsync(NewName!.Trim(), NewRole, NewPassword!, Actor, HttpContext.RequestAborted),
            $"Added {NewName!.Trim()} ({NewRole}). They set up their second factor at their first sign-in.");
    }

    public async Task<IActionResult> OnPostRoleAsync(string name, string role)
    {
        if (IsSelf(name)) return await ShowAsync(["You cannot change your own role: ask another administrator."]);
        if (!StaffRoles.IsKnown(role)) return await ShowAsync(["Choose the role admin or staff."]);
        return await AfterAsync(await accounts.ChangeRoleAsync(name, role, Actor, HttpContext.RequestAborted), $"{name} is now {role}.");
    }

    public async Task<IActionResult> OnPostResetAsync(string name, string password)
    {
        if (string.IsNullOrEmpty(password)) return await ShowAsync(["Give the new password."]);
        return await AfterAsync(await accounts.ResetAsync(name, password, Actor, HttpContext.RequestAborted),
            $"{name} has a new password and sets up their second factor again at the next sign-in.");
    }

    public async Task<IActionResult> OnPostClearSecondFactorAsync(string name) =>
        await AfterAsync(await accounts.ClearSecondFactorAsync(name, Actor, HttpContext.RequestAborted),
            $"{name} sets up their second factor again at the next sign-in.");

    public async Task<IActionResult> OnPostRemoveAsync(string name)
    {
        if (IsSelf(name)) return await ShowAsync(["You cannot remove your own account: ask another administrator."]);
        return await AfterAsync(await accounts.RemoveAsync(name, Actor, HttpContext.RequestAborted), $"Removed {name}.");
    }

    private bool IsSelf(string name) => string.Equals(name, Actor, StringComparison.OrdinalIgnoreCase);

    private async Task<IActionResult> AfterAsync(IdentityResult result, string done)
    {
        if (!result.Succeeded) return await ShowAsync([.. result.Errors.Select(error => error.Description)]);
        Done = done;
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(IReadOnlyList<string> problems)
    {
        Problems = problems;
        Accounts = await accounts.ListAsync(HttpContext.RequestAborted);
        return Page();
    }
}
