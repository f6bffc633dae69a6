using OpenQA.Selenium;
using OpenQA.Selenium.Chromium;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Tests.Console.Inbox;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Browser;

/// <summary>The console on a phone-sized screen: nothing makes the page itself scroll sideways.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleLayoutBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int PhoneWidth = 375;

    [Fact]
    public async Task On_a_phone_no_page_scrolls_sideways_and_a_wide_table_scrolls_in_its_own_box()
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

        var chromium = (ChromiumDriver)driver;
        chromium.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = PhoneWidth, ["height"] = 740, ["deviceScaleFactor"] = 1, ["mobile"] = true,
        });
        try
        {
            foreach (var page in new[] { "/Inbox", "/Admin/Staff", "/Admin/Audit", "/Content", "/Menu", "/Usage", "/Simulator" })
            {
                driver.Navigate().GoToUrl(site.Url(page));
                if (page == "/Inbox") driver.WaitFor(d => d.FindElements(By.CssSelector("#inbox-table tbody tr")).Count == 1, what: "her conversation");
                var (scrollWidth, clientWidth) = Widths(driver);
                Assert.True(clientWidth == PhoneWidth, $"{page}: the page is {clientWidth}px wide, not the phone's {PhoneWidth}");
                var wide = (string)((IJavaScriptExecutor)driver).ExecuteScript("""
                    return [...document.querySelectorAll('body *')]
                      .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-scroll, .graph, .visually-hidden'))
                      .slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ');
                    """)!;
                Assert.True(scrollWidth <= clientWidth, $"{page} scrolls sideways on a phone: {scrollWidth}px of content in {clientWidth}px ({wide})");
                var violations = driver.AxeViolations();
                Assert.True(violations.Count == 0, $"{page}: " + string.Join("; ", violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Targets)}")));
            }
        }
        finally
        {
            chromium.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", []);
        }
    }

    private static (long Scroll, long Client) Widths(IWebDriver driver)
    {
        var widths = (IReadOnlyCollection<object>)((IJavaScriptExecutor)driver).ExecuteScript(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")!;
        return (Convert.ToInt64(widths.First()), Convert.ToInt64(widths.Last()));
    }
}
