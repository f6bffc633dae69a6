using OpenQA.Selenium;
using OpenQA.Selenium.Chromium;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Tests.Console;
using WestmontTextLine.Tests.Console.Inbox;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The console on a phone (360 px) and at 200% zoom (1280 px at zoom 2 is 640 CSS px): nothing makes the page itself
/// scroll sideways, and every control a finger presses is at least 24 px each way (WCAG 2.5.8), except a link inside
/// a sentence and the menu diagram's boxes (the list of nodes under it does the same).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleLayoutBrowserTests(BrowserFixture browser)
{
    private static readonly int[] Widths = [360, 640];

    // Visible controls smaller than 24 px either way. A link inside running text (its block says more than the link)
    // is exempt, as WCAG 2.5.8 allows; so is the diagram, whose node list is the equivalent control.
    private const string SmallTargets = """
        const inSentence = e => e.tagName === 'A' && e.parentElement.textContent.trim().length > e.textContent.trim().length
          && !e.closest('th, td, nav, .language');
        return [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
          .filter(e => !e.closest('.graph, .visually-hidden') && !inSentence(e))
          .map(e => [e, e.getBoundingClientRect()])
          .filter(([e, r]) => r.width > 0 && r.height > 0 && (r.width < 24 || r.height < 24))
          .slice(0, 8).map(([e, r]) => e.tagName + (e.id ? '#' + e.id : '') + ' "' + e.textContent.trim().slice(0, 20) + '" ' + Math.round(r.width) + 'x' + Math.round(r.height)).join(', ');
        """;

    [Fact]
    public async Task On_a_phone_and_at_200_percent_zoom_no_page_scrolls_sideways_and_every_control_is_big_enough_to_tap()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var site = ConsoleSite.Start(factory => factory.Staffed(fake));
        await site.AddStaffAsync("alice", StaffRoles.Admin);
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");
        driver.Navigate().GoToUrl(site.Url("/Inbox"));
        driver.FindElement(By.Id("shift-button")).Click();
        driver.WaitFor(d => d.FindElement(By.Id("shift-button")).Text == "Go off shift", what: "on shift");
        // A conversation in the inbox, with what she read before asking in its widest column.
        var texter = site.Factory.CreateTwilioClient("+16305550196");
        foreach (var body in new[] { "hi", "3", "1", "TALK" }) await texter.TextAsync(body);
        // Her conversation, claimed, as staff on shift work it from a phone.
        driver.Navigate().GoToUrl(site.Url("/Inbox"));
        var conversation = driver.WaitFor(d => d.FindElements(By.CssSelector("#inbox-table tbody tr a")).FirstOrDefault()?.GetAttribute("href"), what: "her conversation");
        driver.Navigate().GoToUrl(conversation);
        driver.WaitFor(d =>
        {
            d.FindElement(By.Id("claim")).Click();
            return true;
        }, what: "the claim");
        driver.WaitFor(d => d.FindElement(By.Id("claimed-by")).Text == "you", what: "claimed");
        var conversationPath = new Uri(conversation).AbsolutePath[ConsoleClient.Root.Length..];

        var chromium = (ChromiumDriver)driver;
        try
        {
            foreach (var width in Widths)
            foreach (var page in new[] { "/", "/Inbox", conversationPath, "/Admin/Staff", "/Admin/Audit", "/Content", "/Menu", "/Usage", "/Simulator", "/Passkeys" })
            {
                chromium.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
                {
                    ["width"] = width, ["height"] = 740, ["deviceScaleFactor"] = 1, ["mobile"] = width < 400,
                });
                driver.Navigate().GoToUrl(site.Url(page));
                if (page == "/Inbox") driver.WaitFor(d => d.FindElements(By.CssSelector("#inbox-table tbody tr")).Count == 1, what: "her conversation");
                var (scrollWidth, clientWidth) = PageWidths(driver);
                // At 640 px (a desktop browser zoomed) a vertical scrollbar may take its 15 px.
                Assert.True(clientWidth <= width && clientWidth >= width - 20, $"{page}: the page is {clientWidth}px wide, not {width}");
                var wide = (string)((IJavaScriptExecutor)driver).ExecuteScript("""
                    return [...document.querySelectorAll('body *')]
                      .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-scroll, .graph, .visually-hidden'))
                      .slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ');
                    """)!;
                Assert.True(scrollWidth <= clientWidth, $"{page} scrolls sideways at {width}px: {scrollWidth}px of content in {clientWidth}px ({wide})");
                var small = (string)((IJavaScriptExecutor)driver).ExecuteScript(SmallTargets)!;
                Assert.True(small.Length == 0, $"{page} at {width}px: controls smaller than 24px to tap: {small}");
                var violations = driver.AxeViolations();
                Assert.True(violations.Count == 0, $"{page}: " + string.Join("; ", violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Targets)}")));
            }
        }
        finally
        {
            chromium.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", []);
        }
    }

    private static (long Scroll, long Client) PageWidths(IWebDriver driver)
    {
        var widths = (IReadOnlyCollection<object>)((IJavaScriptExecutor)driver).ExecuteScript(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")!;
        return (Convert.ToInt64(widths.First()), Convert.ToInt64(widths.Last()));
    }
}
