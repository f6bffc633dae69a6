using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Pages;

/// <summary>The Audit page's title says which entries it shows, once narrowed (Who, What, To what, days) or paged (Older entries).</summary>
public sealed partial class AuditPageTitleTests
{
    // Every page of the log, and every filter, was titled "Audit log": a screen reader reads the title first as a page
    // loads, so after Older entries or Show she heard the same words and could not tell the page had changed.
    [Fact]
    public async Task Older_entries_and_the_filters_say_in_the_title_which_entries_are_shown()
    {
        using var factory = new TextLineFactory();
        using var ana = await factory.SignedInAsync("ana", StaffRoles.Admin);
        var log = factory.Services.GetRequiredService<IAuditLog>();
        var at = factory.Clock.GetUtcNow();
        for (var line = 0; line < 600; line++)
            await log.AppendAsync(new AuditEntry(at, "mallory", line % 2 == 0 ? ConsoleAuditActions.ShiftOn : ConsoleAuditActions.ShiftOff, ""));

        Assert.Equal("Audit log - Westmont Text Line console", TitleOf(await ana.GetPageAsync("/Admin/Audit")));
        var older = await ana.GetPageAsync("/Admin/Audit?older=1");
        Assert.Matches(@"^Audit log: entries 501 to 6\d\d of 6\d\d - Westmont Text Line console$", TitleOf(older));
        Assert.Contains("<h1>Audit log: entries 501 to", older);
        Assert.Equal("Audit log: by mallory, shift, entries 501 to 600 of 600 - Westmont Text Line console",
            TitleOf(await ana.GetPageAsync("/Admin/Audit?Who=mallory&What=shift&older=1")));
        Assert.Equal("Audit log: by nobody, no entries - Westmont Text Line console", TitleOf(await ana.GetPageAsync("/Admin/Audit?Who=nobody")));
        var day = factory.Services.GetRequiredService<WestmontTextLine.Settings.LineClock>().LocalTime(at).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"Audit log: about no-such-chat, from {day}, to {day}, no entries - Westmont Text Line console",
            TitleOf(await ana.GetPageAsync($"/Admin/Audit?About=no-such-chat&From={day}&To={day}")));
    }

    private static string TitleOf(string page) => WebUtility.HtmlDecode(Title().Match(page).Groups[1].Value);

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex Title();
}
