using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WestmontTextLine.Console.Pages;

/// <summary>
/// A part a page's script fetches (a live part, a reply's measure) is not the page: the notice an action left for the
/// page it redirects to ("Sent to ...", in TempData) stays for that page. A page model's [TempData] properties are read at
/// every handler, and a notice read is deleted: the reply's own inbox event refreshed the live part between the post and
/// the page it redirects to, and that page came back without saying the reply went (and an inbox in another tab, its
/// "Done" the same key, took it as well).
/// </summary>
public static class ScriptFetchedParts
{
    public static void KeepNoticesForThePage(this PageModel page) => page.TempData.Keep();
}
