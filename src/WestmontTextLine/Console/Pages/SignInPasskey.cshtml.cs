using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WestmontTextLine.Console.Pages;

/// <summary>
/// Sign-in with a passkey alone (<see cref="PasskeySignIn"/>): the challenge for the browser, then the signed answer.
/// Open and rate limited like the other sign-in pages. Whatever went wrong, the page says it plainly and offers the
/// passkey again and the password.
/// </summary>
public sealed class SignInPasskeyModel(PasskeySignIn passkeys) : PageModel
{
    public string? Problem { get; private set; }

    public IActionResult OnGet() => ConsoleClaims.IsFullySignedIn(User) ? RedirectToPage("/Index") : Page();

    /// <summary>The options for navigator.credentials.get, as JSON; the challenge waits in the two-factor cookie.</summary>
    public async Task<IActionResult> OnPostOptionsAsync() => Content(await passkeys.RequestOptionsAsync(), "application/json");

    public async Task<IActionResult> OnPostAsync(string? credentialJson)
    {
        var outcome = await passkeys.SignInAsync(credentialJson ?? "");
        if (outcome == PasskeySignIn.Outcome.SignedIn) return RedirectToPage("/Index");
        Problem = outcome switch
        {
            PasskeySignIn.Outcome.Expired => "That took too long, so it did not sign you in. Choose \"Sign in with a passkey\" again.",
            _ => "That passkey did not sign you in. Use a passkey you added on this console, or sign in with your password.",
        };
        return Page();
    }
}
