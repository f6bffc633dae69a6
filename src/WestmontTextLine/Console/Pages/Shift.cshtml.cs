using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Inbox;

namespace WestmontTextLine.Console.Pages;

/// <summary>
/// Who is on shift, and the button that puts the signed-in staff member on or off. The button on the home and inbox
/// pages posts here and comes back to the page it was pressed on. It says which way it goes (On=true or false), so a
/// second press of a stale page does not undo the first. The last one on shift, with conversations open, is asked
/// first (<see cref="LeavingAlone"/>), and goes off only with <see cref="LeaveAnyway"/>.
/// </summary>
public sealed class ShiftModel(ShiftSwitch shifts) : PageModel
{
    public ShiftPanel Panel { get; private set; } = new([], false, "");

    /// <summary>Set when going off shift would leave open conversations with no one: the page asks first.</summary>
    public LeavingAlone? Leaving { get; private set; }

    [BindProperty]
    public bool On { get; set; }

    [BindProperty]
    public bool LeaveAnyway { get; set; }

    [BindProperty]
    public string? ReturnUrl { get; set; }

    private string Staff => User.Identity!.Name!;

    private string BackTo => IsConsolePage(ReturnUrl) ? ReturnUrl! : Url.Page("/Shift")!;

    public async Task OnGetAsync() =>
        Panel = await shifts.PanelAsync(Staff, Url.Page("/Shift")!, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!On && !LeaveAnyway && await shifts.PanelAsync(Staff, BackTo, HttpContext.RequestAborted) is { Leaving: { } leaving } panel)
        {
            Leaving = leaving;
            Panel = panel;
            return Page();
        }
        await shifts.SetAsync(Staff, On, HttpContext.RequestAborted);
        return LocalRedirect(BackTo);
    }

    private bool IsConsolePage(string? url) => url is not null && Url.IsLocalUrl(url)
        && (url == ConsoleOptions.PathBase || url.StartsWith(ConsoleOptions.PathBase + "/", StringComparison.Ordinal));
}
