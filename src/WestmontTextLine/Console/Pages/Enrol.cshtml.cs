using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Console.Pages;

/// <summary>
/// The second factor, set up at the first sign-in (and after an admin resets it): a QR code and its text secret for an
/// authenticator app, then one code to prove it works, then ten recovery codes, shown once in the answer to that code.
/// </summary>
public sealed class EnrolModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, ConsoleAudit audit) : PageModel
{
    public const string Issuer = "Westmont Text Line";

    public string Secret { get; private set; } = "";
    public string QrSvg { get; private set; } = "";

    [BindProperty, Required(ErrorMessage = "Type the 6-digit code your app shows."), Display(Name = "The 6-digit code your app shows")]
    public string? Code { get; set; }

    public string? Problem { get; private set; }

    /// <summary>Set once the code proved the app works: the page then shows these, once, instead of the form.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (ConsoleClaims.IsFullySignedIn(User)) return RedirectToPage("/Index");
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("/SignIn");
        if (await users.GetTwoFactorEnabledAsync(user)) return RedirectToPage("/SignIn");
        await ShowSecretAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || await users.GetTwoFactorEnabledAsync(user)) return RedirectToPage("/SignIn");
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            // Written as a wrong code at sign-in is: the page a password alone opens (limited, as sign-in, per address).
            await audit.RecordAsync(user.UserName, ConsoleAuditActions.EnrolmentCodeFailed);
            Problem = "That code is not right. Check the time on your phone and try the newest code.";
            await ShowSecretAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? [];
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(ConsoleClaims.AuthenticationMethod, ConsoleClaims.MultiFactor)]);
        await ((StaffUserManager)users).SignedInAsync(user);
        await audit.RecordAsync(user.UserName, ConsoleAuditActions.SecondFactorEnrolled);
        // In this answer only (no-store, like every console page): carried to another page in TempData, they rode in a
        // cookie that a copy could replay, to that page, under anyone's sign-in.
        RecoveryCodes = [.. recoveryCodes];
        return Page();
    }

    private async Task ShowSecretAsync(StaffUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            // A new key changes the security stamp, which every request checks: sign in again on the new stamp.
            await signIn.RefreshSignInAsync(user);
        }
        Secret = key!;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.UserName)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        using var data = new QRCoder.QRCodeGenerator().CreateQrCode(uri, QRCoder.QRCodeGenerator.ECCLevel.M);
        QrSvg = HiddenFromScreenReaders(new QRCoder.SvgQRCode(data).GetGraphic(6));
    }

    /// <summary>
    /// The drawing itself is left out of the accessibility tree: its wrapper is the image, named for what it is, and
    /// the bare svg inside it was a second image with no name.
    /// </summary>
    private static string HiddenFromScreenReaders(string svg)
    {
        var at = svg.IndexOf("<svg", StringComparison.Ordinal) + "<svg".Length;
        return svg[..at] + " aria-hidden=\"true\" focusable=\"false\"" + svg[at..];
    }
}
