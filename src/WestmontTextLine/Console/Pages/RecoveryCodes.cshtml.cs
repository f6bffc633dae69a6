using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WestmontTextLine.Console.Pages;

/// <summary>The recovery codes, shown once, right after the second factor is set up.</summary>
public sealed class RecoveryCodesModel : PageModel
{
    public const string TempDataKey = "recovery-codes";

    public IReadOnlyList<string> Codes { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (TempData[TempDataKey] is not string codes) return RedirectToPage("/Index");
        Codes = codes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Page();
    }
}
