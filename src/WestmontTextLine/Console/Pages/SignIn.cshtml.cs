using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Console.Pages;

/// <summary>
/// Name and password, then the second factor. Five wrong passwords from one address lock that name's password out for
/// that address for 15 minutes (<see cref="PasswordGuesses"/>), 20 from any addresses lock the account, and the page is
/// rate limited per address. Nothing tells a name that has an account from one that has none: a wrong name, a wrong
/// password and a locked account get the same message, and each costs one password hash (Identity checks none for
/// a name it does not know, nor for a locked account, and the 80 ms of a hash told them apart).
/// </summary>
public sealed class SignInModel(
    SignInManager<StaffUser> signIn, StaffUserManager users, StaffAccounts accounts, PasswordGuesses guesses, ConsoleAudit audit) : PageModel
{
    public const string Refused = "That name and password do not match an account, or the account is locked for 15 minutes after 5 failed tries.";

    /// <summary>A hash of a password nobody has, made by the line's own hasher, so checking against it costs what a real check does.</summary>
    private static string? s_noAccountHash;

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
        // Made by the first sign-in whatever its name, so that one is no slower for a name without an account.
        var noAccountHash = NoAccountHash();
        var user = await signIn.UserManager.FindByNameAsync(UserName!);
        var actor = user?.UserName ?? ConsoleAudit.UnknownActor;
        var guessesKey = guesses.KeyFor(signIn.UserManager.NormalizeName(UserName!), user?.State.PasswordHash, HttpContext.Connection.RemoteIpAddress);
        if (await guesses.IsLockedAsync(guessesKey, HttpContext.RequestAborted))
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(NoAccount, noAccountHash, Password!);
            return await RefusedAsync(actor, ConsoleAuditActions.SignInLocked, "this address");
        }
        var lockedBefore = user is not null && await signIn.UserManager.IsLockedOutAsync(user);
        // Wrong passwords are counted here, per address first (PasswordGuesses), not by Identity's lockout per account.
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: false);
        if (user is null || lockedBefore) signIn.UserManager.PasswordHasher.VerifyHashedPassword(NoAccount, noAccountHash, Password!);
        if (result.RequiresTwoFactor || result.Succeeded) await guesses.ForgetAsync(guessesKey, HttpContext.RequestAborted);
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
        if (result.IsLockedOut) return await RefusedAsync(actor, ConsoleAuditActions.SignInLocked);
        var addressLocked = await guesses.FailedAsync(guessesKey, HttpContext.RequestAborted);
        var accountLocked = user is not null && await users.PasswordFailedAsync(user);
        return accountLocked ? await RefusedAsync(actor, ConsoleAuditActions.SignInLocked)
            : addressLocked ? await RefusedAsync(actor, ConsoleAuditActions.SignInLocked, "this address")
            : await RefusedAsync(actor, ConsoleAuditActions.SignInFailed);
    }

    private async Task<IActionResult> RefusedAsync(string actor, string action, string target = "")
    {
        await audit.RecordAsync(actor, action, target);
        Problem = Refused;
        return Page();
    }

    private static readonly StaffUser NoAccount = new("no-account", StaffRoles.Staff);

    private string NoAccountHash() => s_noAccountHash ??=
        signIn.UserManager.PasswordHasher.HashPassword(NoAccount, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
}
