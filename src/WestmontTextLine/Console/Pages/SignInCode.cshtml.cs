using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Console.Pages;

/// <summary>The second factor: the authenticator app's code, or one of the recovery codes (each works once).</summary>
public sealed class SignInCodeModel(SignInManager<StaffUser> signIn, ConsoleAudit audit) : PageModel
{
    [BindProperty, Required, Display(Name = "Code from your authenticator app, or a recovery code")]
    public string? Code { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/SignIn");
        if (!ModelState.IsValid) return Page();
        var code = Code!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(Code!.Trim());
        if (result.Succeeded)
        {
            await ((StaffUserManager)signIn.UserManager).SignedInAsync(user);
            await audit.RecordAsync(user.UserName, code.Length == 6 ? ConsoleAuditActions.SignedIn : ConsoleAuditActions.SignedInWithRecoveryCode);
            return RedirectToPage("/Index");
        }
        await audit.RecordAsync(user.UserName, result.IsLockedOut ? ConsoleAuditActions.SignInLocked : ConsoleAuditActions.CodeFailed);
        Problem = result.IsLockedOut ? "Too many failed attempts: this account is locked for 15 minutes." : "That code is not right. Try the newest code.";
        return Page();
    }
}
