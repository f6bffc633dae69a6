using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Console.Pages;

/// <summary>
/// Name and password, then the second factor. Five wrong passwords lock the account for 15 minutes, and the page is
/// rate limited per address. The message never says which of name or password was wrong.
/// </summary>
public sealed class SignInModel(SignInManager<StaffUser> signIn, StaffAccounts accounts, ConsoleAudit audit) : PageModel
{
    [BindProperty, Required, Display(Name = "Name")]
    public string? UserName { get; set; }

    [BindProperty, Required, DataType(DataType.Password)]
    public string? Password { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if ((await accounts.ListAsync(HttpContext.RequestAborted)).Count == 0) return RedirectToPage("/Setup");
        return ConsoleClaims.IsFullySignedIn(User) ? RedirectToPage("/Index") : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(UserName!, Password!, isPersistent: false, lockoutOnFailure: true);
        var actor = (await signIn.UserManager.FindByNameAsync(UserName!))?.UserName ?? ConsoleAudit.UnknownActor;
        if (result.RequiresTwoFactor)
        {
            await audit.RecordAsync(actor, ConsoleAuditActions.PasswordAccepted);
            return RedirectToPage("/SignInCode");
        }
        if (result.Succeeded)
        {
            await audit.RecordAsync(actor, ConsoleAuditActions.PasswordAccepted, "second factor to set up");
            return RedirectToPage("/Enrol");
        }
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(actor, ConsoleAuditActions.SignInLocked);
            Problem = "Too many failed attempts: this account is locked for 15 minutes.";
            return Page();
        }
        await audit.RecordAsync(actor, ConsoleAuditActions.SignInFailed);
        Problem = "That name and password do not match an account.";
        return Page();
    }
}
