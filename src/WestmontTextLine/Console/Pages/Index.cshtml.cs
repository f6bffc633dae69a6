using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Inbox;

namespace WestmontTextLine.Console.Pages;

/// <summary>The console's home: the shift button and what each page is for.</summary>
public sealed class IndexModel(ShiftSwitch shifts) : PageModel
{
    public ShiftPanel Shift { get; private set; } = new([], false, "");

    public async Task OnGetAsync() =>
        Shift = await shifts.PanelAsync(User.Identity!.Name!, Url.Page("/Index")!, HttpContext.RequestAborted);
}
