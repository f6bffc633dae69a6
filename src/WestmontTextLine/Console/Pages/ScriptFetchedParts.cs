using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WestmontTextLine.Console.Pages;

/// <summary>
/// A part a page's script fetches (a live part, a reply's measure) is not the page: the notice an action left for the
/// page it redirects to ("Sent to ...", in the notice cookie) stays for that page, and such a part's answer leaves the
/// cookie as it is (<see cref="NoticeCookie"/>). A page model's [TempData] properties are read at every handler, and a
/// notice read is deleted: the reply's own inbox event refreshed the live part between the post and the page it
/// redirects to, and that page came back without saying the reply went (and an inbox in another tab, its "Done" the
/// same key, took it as well).
/// </summary>
public static class ScriptFetchedParts
{
    private static readonly object Mark = new();

    public static void KeepNoticesForThePage(this PageModel page) => page.HttpContext.Items[Mark] = true;

    public static bool IsScriptFetchedPart(this HttpContext context) => context.Items.ContainsKey(Mark);
}
