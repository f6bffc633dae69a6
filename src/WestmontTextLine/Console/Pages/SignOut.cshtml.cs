using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Console.Pages;

/// <summary>
/// Signs out, and ends every session of the account: the security stamp changes, and each request checks it, so a
/// copy of the old cookie is worth nothing afterwards.
/// </summary>
public sealed class SignOutModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, ConsoleAudit audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(user.UserName, ConsoleAuditActions.SignedOut);
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/SignIn");
    }
}
