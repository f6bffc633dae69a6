using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Console.Pages;

/// <summary>The Usage page's days are the line's days (America/Chicago), not UTC's, and it counts as `stats` does.</summary>
public sealed partial class UsagePageTests
{
    [Fact]
    public async Task A_text_late_in_the_evening_in_Chicago_counts_on_that_day_though_it_is_already_the_next_day_in_UTC()
    {
        using var factory = new TextLineFactory();
        // Friday 27 November, 04:30 UTC: Thursday 26 November, 22:30 in Chicago (UTC-6).
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 4, 30, 0, TimeSpan.Zero));
        using var alice = await factory.SignedInAsync("alice");
        var texter = factory.CreateTwilioClient("+16305550198");
        foreach (var body in new[] { "hi", "1", "2" }) Assert.NotNull(await texter.TextAsync(body));
        var counter = factory.Services.GetRequiredService<IUsageCounter>();
        await Eventually.TrueAsync(async () => (await counter.ReadAsync(DateOnly.MinValue, DateOnly.MaxValue)).Where(c => c.Metric == UsageMetrics.Texts).Sum(c => c.Count) == 3,
            "the three texts counted");
        Assert.Equal([new DateOnly(2026, 11, 26)], (await counter.ReadAsync(DateOnly.MinValue, DateOnly.MaxValue)).Select(c => c.Day).Distinct());

        var page = WebUtility.HtmlDecode(await alice.GetPageAsync("/Usage"));
        Assert.Contains("Last 7 days (2026-11-20 on): 3 texts, 1 new conversation</h2>", page);
        Assert.Contains("Thu Nov 26: 3 (1 new)", page);
        Assert.DoesNotContain("Nov 27", page);

        // An hour and a half later it is Friday in Chicago too: the window moves on, Thursday's texts stay Thursday's.
        // (A page a quarter of an hour, so the console's 30 idle minutes do not sign her out.)
        for (var minutes = 0; minutes < 90; minutes += 15)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(15));
            page = WebUtility.HtmlDecode(await alice.GetPageAsync("/Usage"));
        }
        Assert.Contains("Last 7 days (2026-11-21 on): 3 texts, 1 new conversation</h2>", page);
        Assert.Contains("Thu Nov 26: 3 (1 new); Fri Nov 27: 0", page);
    }

    // With a screen reader, the page's list of controls (or the Tab key) read "Show the numbers" a dozen times, with
    // nothing to tell one chart's table from another's.
    [Fact]
    public async Task Each_show_the_numbers_names_the_chart_it_opens()
    {
        using var factory = new TextLineFactory();
        using var alice = await factory.SignedInAsync("alice");

        var page = WebUtility.HtmlDecode(await alice.GetPageAsync("/Usage"));
        var names = SummaryNames().Matches(page).Select(match => Tags().Replace(match.Groups[1].Value, "")).ToList();

        Assert.True(names.Count >= 10, $"{names.Count} summaries");
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, name => Assert.StartsWith("Show the numbers: ", name));
        Assert.Contains("Show the numbers: Keywords, last 30 days", names);
    }

    // `stats` showed the texts the line sent first (check-ins, alerts, staff replies) and the page did not.
    [Fact]
    public async Task The_texts_the_line_sent_first_are_shown_by_kind_as_stats_shows_them_for_each_window()
    {
        using var factory = new TextLineFactory();
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.Zero));
        var today = new DateOnly(2026, 11, 27);
        var counter = factory.Services.GetRequiredService<IUsageCounter>();
        await counter.IncrementAsync(today, [OutboundMetrics.Sent("checkin_due"), OutboundMetrics.Sent("alert_missed"), OutboundMetrics.Sent("checkin_due")]);
        await counter.IncrementAsync(today, [OutboundMetrics.OptedOutAtCarrier("checkin_due")]);
        await counter.IncrementAsync(today.AddDays(-10), [OutboundMetrics.Failed("alert_missed"), OutboundMetrics.Suppressed("checkin_due")]);
        using var alice = await factory.SignedInAsync("alice");

        var page = WebUtility.HtmlDecode(await alice.GetPageAsync("/Usage"));

        Assert.Contains("<h3>Texts the line sent first (check-ins, alerts, staff replies)</h3>", page);
        Assert.Equal(
            ["sent: 3", "not sent: opted out: 0", "failed (given up): 0", "refused: opted out at the carrier (21610): 1"],
            TableRows(page, "Texts the line sent first, last 7 days"));
        Assert.Equal(
            ["sent: 3", "not sent: opted out: 1", "failed (given up): 1", "refused: opted out at the carrier (21610): 1"],
            TableRows(page, "Texts the line sent first, last 30 days"));
        Assert.Contains("<th scope=\"col\">Outcome</th><th scope=\"col\">Count</th>", Table(page, "Texts the line sent first, last 7 days"));
    }

    private static string Table(string page, string caption)
    {
        var start = page.IndexOf($"<caption>{caption}</caption>", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table captioned {caption}");
        return page[start..page.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    private static List<string> TableRows(string page, string caption) =>
        [.. TableRow().Matches(Table(page, caption)).Select(row => $"{row.Groups[1].Value}: {row.Groups[2].Value}")];

    [GeneratedRegex("<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td></tr>")]
    private static partial Regex TableRow();

    [GeneratedRegex("<summary>(.*?)</summary>")]
    private static partial Regex SummaryNames();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
