using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Inbox;

namespace WestmontTextLine.Console.Pages;

/// <summary>
/// Who is on shift, and the button that puts the signed-in staff member on or off. The button on the home and inbox
/// pages posts here and comes back to the page it was pressed on. It says which way it goes (On=true or false), so a
/// second press of a stale page does not undo the first. The last one on shift, with conversations open, is asked
/// first (<see cref="LeavingAlone"/>), and goes off only with <see cref="LeaveAnyway"/>. Going on shift more than
/// <see cref="ShiftStarts.MaxPerHour"/> times an hour waits (<see cref="ShiftStarts"/>); going off never does.
/// </summary>
public sealed class ShiftModel(ShiftSwitch shifts, ShiftStarts starts) : PageModel
{
    /// <summary>The one-time notice of the press, shown on the page the button came back to (see the _Shift partial).</summary>
    public const string DoneKey = "ShiftDone";

    public const string WentOn = "You went on shift. Texters who ask for a person are told someone will text back.";
    public const string WentOff = "You went off shift.";

    public static readonly string TooManyStarts = $"You went on shift {ShiftStarts.MaxPerHour} times in the last hour, so the button waits a while: press it again later. Each time is written to the audit log.";

    /// <summary>Why the button did not put her on shift.</summary>
    public string? Refused { get; private set; }

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
        if (On && !(await shifts.OnShiftAsync(HttpContext.RequestAborted)).Contains(Staff, StringComparer.OrdinalIgnoreCase) && !starts.TryStart(Staff))
        {
            Refused = TooManyStarts;
            Panel = await shifts.PanelAsync(Staff, BackTo, HttpContext.RequestAborted);
            return Page();
        }
        await shifts.SetAsync(Staff, On, HttpContext.RequestAborted);
        // Said on the page it comes back to, where the focus goes to it: before, the page came back with the focus at
        // its top and nothing said the press had worked (a keyboard or screen-reader user had to find the button again).
        TempData[DoneKey] = On ? WentOn : WentOff;
        return LocalRedirect(BackTo);
    }

    private bool IsConsolePage(string? url) => url is not null && Url.IsLocalUrl(url)
        && (url == ConsoleOptions.PathBase || url.StartsWith(ConsoleOptions.PathBase + "/", StringComparison.Ordinal));
}
