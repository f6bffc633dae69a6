using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Pages;

/// <summary>The Content health page against what `check` reports, through the real page on the test server.</summary>
public sealed partial class ContentPageTests
{
    [Fact]
    public async Task The_pre_launch_checklist_shows_every_phone_text_number_and_website_of_each_referral_to_verify()
    {
        using var factory = new TextLineFactory();
        using var alice = await factory.SignedInAsync("alice");
        var page = await alice.GetPageAsync("/Content");
        var checklist = page[page.IndexOf("class=\"checklist\"", StringComparison.Ordinal)..];
        var rows = RowPattern().Matches(checklist).Select(m => (Name: WebUtility.HtmlDecode(m.Groups[1].Value), Contact: WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();

        var toVerify = factory.Services.GetRequiredService<Flow>().Referrals.Values.Where(r => r.VerifyBeforeLaunch).ToList();
        Assert.Equal(toVerify.Count, rows.Count);
        // Staff confirm each way to reach an organisation before launch: a text-only line (Crisis Text Line) showed
        // "none", and a phone hid the website beside it.
        Assert.Contains(toVerify, r => r.TextNumber is not null);
        Assert.Contains(toVerify, r => r.Phone is not null && r.Website is not null);
        foreach (var referral in toVerify)
        {
            var row = Assert.Single(rows, r => r.Name == referral.Name).Contact;
            foreach (var contact in new[] { referral.Phone, referral.TextNumber, referral.TextKeyword, referral.Website }.OfType<string>())
            {
                Assert.True(row.Contains(contact, StringComparison.Ordinal), $"{referral.Id}: '{contact}' is missing from \"{row}\"");
            }
        }
    }

    [GeneratedRegex("""<tr><td>(.*?)</td><td>(.*?)</td>""", RegexOptions.Singleline)]
    private static partial Regex RowPattern();
}
