using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Console.Pages;

/// <summary>No account yet: there is no default account or password, so this page says how to make the first one.</summary>
public sealed class SetupModel(StaffAccounts accounts) : PageModel
{
    public async Task<IActionResult> OnGetAsync() => (await accounts.ListAsync(HttpContext.RequestAborted)).Count > 0 ? RedirectToPage("/SignIn") : Page();
}
