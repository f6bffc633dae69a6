using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace WestmontTextLine.Console.Pages;

/// <summary>
/// The notice cookie (TempData), written by the pages and never by a part a page's script fetches
/// (<see cref="ScriptFetchedParts"/>). The reply's own inbox event refreshes the live part while the reply's post is
/// still being answered: that refresh went out before the post's answer set the cookie, so it loaded no notice, and
/// its answer, arriving after the post's, deleted the cookie (saving no notice deletes it), so the page the post
/// redirected to came back without "Sent to ...". A refresh that went out with the notice and came back after the page
/// took it wrote the notice back instead, to be said again on the next page.
/// </summary>
internal sealed class NoticeCookie(CookieTempDataProvider cookie) : ITempDataProvider
{
    public IDictionary<string, object> LoadTempData(HttpContext context) => cookie.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        if (!context.IsScriptFetchedPart()) cookie.SaveTempData(context, values);
    }
}
