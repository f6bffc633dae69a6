using System.Net;
using System.Text.RegularExpressions;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Pages;

/// <summary>The Staff page as a screen reader reads it: each button says which account it changes.</summary>
public sealed partial class StaffPageTests
{
    // Tabbing through the accounts, or a list of the page's buttons, read "Make admin", "Reset second factor" and
    // "Set password" once per account, with nothing to say whose; only Remove named its account.
    [Fact]
    public async Task Every_button_in_the_accounts_table_names_its_account_so_no_two_read_the_same()
    {
        using var factory = new TextLineFactory();
        using var ana = await factory.SignedInAsync("ana", StaffRoles.Admin);
        await factory.AddStaffAsync("bob");
        await factory.AddStaffAsync("carmen");

        var page = await ana.GetPageAsync("/Admin/Staff");
        var table = page[page.IndexOf("<table class=\"accounts\">", StringComparison.Ordinal)..page.IndexOf("</table>", StringComparison.Ordinal)];
        var buttons = Buttons().Matches(table).Select(match => WebUtility.HtmlDecode(Tags().Replace(match.Groups[1].Value, ""))).ToList();

        Assert.Equal(buttons.Count, buttons.Distinct().Count());
        Assert.Contains("Make admin, for bob", buttons);
        Assert.Contains("Reset second factor, for carmen", buttons);
        Assert.Contains("Set password, for ana", buttons);
        Assert.Contains("Remove bob", buttons);
        // What the screen shows stays as it was: the name is for a screen reader.
        Assert.Contains("Make admin<span class=\"visually-hidden\">, for bob</span>", table);
    }

    [GeneratedRegex("<button[^>]*>(.*?)</button>", RegexOptions.Singleline)]
    private static partial Regex Buttons();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
