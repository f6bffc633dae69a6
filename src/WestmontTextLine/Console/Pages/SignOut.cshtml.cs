using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Inbox;

namespace WestmontTextLine.Console.Pages;

/// <summary>
/// Signs out, and ends every session of the account: the security stamp changes, and each request checks it, so a
/// copy of the old cookie is worth nothing afterwards. Signing out ends the staff member's shift too, so texters are
/// not told someone is there who has left.
/// </summary>
public sealed class SignOutModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, ConsoleAudit audit, ShiftSwitch shifts) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await shifts.SetAsync(user.UserName, on: false, HttpContext.RequestAborted);
            await audit.RecordAsync(user.UserName, ConsoleAuditActions.SignedOut);
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/SignIn");
    }
}
