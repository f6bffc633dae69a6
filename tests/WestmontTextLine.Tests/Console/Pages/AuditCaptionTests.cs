using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Pages;

/// <summary>
/// The Audit table's caption says which entries it shows: a screen reader moving into the table (or listing the
/// page's tables) read a table with no name; only the scrolling box around it was labelled, "Audit log".
/// </summary>
public sealed partial class AuditCaptionTests
{
    [Fact]
    public async Task The_audit_table_s_caption_says_which_entries_it_shows()
    {
        using var factory = new TextLineFactory();
        using var ana = await factory.SignedInAsync("ana", StaffRoles.Admin);
        var log = factory.Services.GetRequiredService<IAuditLog>();
        var at = factory.Clock.GetUtcNow();
        for (var line = 0; line < 3; line++) await log.AppendAsync(new AuditEntry(at, "mallory", ConsoleAuditActions.ShiftOn, ""));

        Assert.Matches(@"^Audit log: entries 1 to \d+ of \d+, newest first$", CaptionOf(await ana.GetPageAsync("/Admin/Audit")));
        Assert.Equal("Audit log: by mallory, entries 1 to 3 of 3, newest first", CaptionOf(await ana.GetPageAsync("/Admin/Audit?Who=mallory")));
        Assert.Equal("Audit log: by nobody, no entries", CaptionOf(await ana.GetPageAsync("/Admin/Audit?Who=nobody")));
    }

    private static string CaptionOf(string page)
    {
        var caption = Caption().Match(page);
        Assert.True(caption.Success, "the audit table has no caption");
        return WebUtility.HtmlDecode(caption.Groups[1].Value);
    }

    [GeneratedRegex("<table class=\"audit\">\\s*<caption[^>]*>(.*?)</caption>", RegexOptions.Singleline)]
    private static partial Regex Caption();
}
