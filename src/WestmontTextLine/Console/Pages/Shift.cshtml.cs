using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Inbox;

namespace WestmontTextLine.Console.Pages;

/// <summary>
/// Who is on shift, and the button that puts the signed-in staff member on or off. The button on the home and inbox
/// pages posts here and comes back to the page it was pressed on. It says which way it goes (On=true or false), so a
/// second press of a stale page does not undo the first.
/// </summary>
public sealed class ShiftModel(ShiftSwitch shifts) : PageModel
{
    public ShiftPanel Panel { get; private set; } = new([], false, "");

    [BindProperty]
    public bool On { get; set; }

    [BindProperty]
    public string? ReturnUrl { get; set; }

    private string Staff => User.Identity!.Name!;

    public async Task OnGetAsync() =>
        Panel = await shifts.PanelAsync(Staff, Url.Page("/Shift")!, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        await shifts.SetAsync(Staff, On, HttpContext.RequestAborted);
        return LocalRedirect(IsConsolePage(ReturnUrl) ? ReturnUrl! : Url.Page("/Shift")!);
    }

    private bool IsConsolePage(string? url) => url is not null && Url.IsLocalUrl(url)
        && (url == ConsoleOptions.PathBase || url.StartsWith(ConsoleOptions.PathBase + "/", StringComparison.Ordinal));
}
