using OpenQA.Selenium;
using OpenQA.Selenium.Chromium;
using WestmontTextLine.Tests.Console.Inbox;
using static WestmontTextLine.Tests.Browser.InboxInBrowser;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// A conversation's page on a slow connection, where its event stream opens seconds after the page shows: the
/// catch-up refresh then finds nothing changed, and leaves the page's buttons as they are.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SlowStreamBrowserTests(BrowserFixture browser)
{
    private const string Texter = "+16305550184";

    // Found live: the first refresh, on the stream's "ready", replaced the live part though nothing had changed (the
    // part the page came with was never compared), so a Claim pressed as it landed was pressed on a button just taken
    // off the page, and did nothing.
    [Fact]
    public async Task The_catch_up_refresh_that_finds_nothing_new_leaves_the_claim_button_in_place()
    {
        await using var alice = await AliceOnShift.StartAsync(browser);
        await alice.TexterAsksForAPersonAsync(Texter);
        var (site, driver) = (alice.Site, alice.Driver);
        var chromium = (ChromiumDriver)driver;
        chromium.ExecuteCdpCommand("Network.enable", []);
        try
        {
            // The stream held back, as a slow connection holds it, until the page is there and its Claim button in hand.
            chromium.ExecuteCdpCommand("Network.setBlockedURLs", new Dictionary<string, object?> { ["urls"] = new[] { "*/Inbox/events*" } });
            driver.Navigate().GoToUrl(site.Url("/Inbox"));
            driver.WaitFor(d =>
            {
                d.FindElement(By.LinkText(site.Factory.PseudonymOf(Texter))).Click();
                return d.FindElements(By.Id("claim")).Count == 1;
            }, what: "her conversation opened");
            Js(driver).ExecuteScript("window.__claim = document.getElementById('claim');");
            Assert.NotEqual("on", driver.FindElement(By.Id("conversation-live")).GetAttribute("data-live"));

            chromium.ExecuteCdpCommand("Network.setBlockedURLs", new Dictionary<string, object?> { ["urls"] = Array.Empty<string>() });
            WaitUntilLive(driver, "conversation-live");
            driver.WaitFor(d => d.FindElement(By.Id("conversation-live")).GetAttribute("data-refreshes") is not null, what: "the catch-up refresh");

            Assert.True(Js(driver).ExecuteScript("return document.contains(window.__claim);") is true, "the catch-up refresh replaced the Claim button");
        }
        finally
        {
            chromium.ExecuteCdpCommand("Network.setBlockedURLs", new Dictionary<string, object?> { ["urls"] = Array.Empty<string>() });
            chromium.ExecuteCdpCommand("Network.disable", []);
        }
    }

    private static IJavaScriptExecutor Js(IWebDriver driver) => (IJavaScriptExecutor)driver;
}
