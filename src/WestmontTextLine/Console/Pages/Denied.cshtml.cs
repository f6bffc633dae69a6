using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WestmontTextLine.Console.Pages;

public sealed class DeniedModel : PageModel
{
    /// <summary>
    /// Signed in with a password alone, what is missing is the second factor, not a role: an administrator who has not
    /// set one up yet was told "This page is for administrators".
    /// </summary>
    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true && !User.HasClaim(ConsoleClaims.AuthenticationMethod, ConsoleClaims.MultiFactor))
        {
            return RedirectToPage("/Enrol");
        }
        return Page();
    }
}
