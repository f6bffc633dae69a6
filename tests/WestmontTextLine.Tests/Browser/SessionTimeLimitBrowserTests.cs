using OpenQA.Selenium;
using OpenQA.Selenium.Chromium;
using OpenQA.Selenium.Interactions;
using WestmontTextLine.Console;
using static WestmontTextLine.Tests.Browser.InboxInBrowser;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The console's 30 idle minutes, a time limit she is warned of and can extend (WCAG 2.2.1): five minutes before the
/// end, an alert with Stay signed in, which keeps the session. Before, a volunteer watching a quiet inbox (its updates
/// do not count as activity) was signed out with no word, and her next texter found the inbox on the sign-in page.
/// The browser's clock (Date.now) and the line's fake clock are moved on together.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionTimeLimitBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string MovableClock = """
        (() => { const real = Date.now.bind(Date); let offset = 0; Date.now = () => real() + offset; window.__moveClock = ms => { offset += ms; }; })();
        """;

    [Fact]
    public async Task Five_minutes_before_the_session_ends_an_alert_says_so_and_stay_signed_in_keeps_it()
    {
        using var signedIn = await SignedInWithMovableClockAsync();
        var (site, driver) = (signedIn.Site, signedIn.Driver);
        GoOnShift(driver, site);
        Assert.False(driver.FindElement(By.Id("session-warning")).Displayed);

        MoveClocks(driver, site, TimeSpan.FromMinutes(26));
        var warning = driver.WaitFor(d => d.FindElement(By.Id("session-warning")) is { Displayed: true } box ? box : null, what: "the warning");
        Assert.Equal("alert", driver.FindElement(By.Id("session-warning-text")).GetAttribute("role"));
        Assert.StartsWith("Your session ends in 4 minutes", driver.FindElement(By.Id("session-warning-text")).Text);
        Assert.Equal("stay-signed-in", driver.Focused().GetAttribute("id"));
        driver.AssertAccessible();

        new Actions(driver).SendKeys(Keys.Enter).Perform();
        driver.WaitFor(d => d.FindElement(By.Id("session-kept")).GetAttribute("textContent") == "You are still signed in.", what: "the session kept");
        Assert.False(warning.Displayed);
        // Back where she was before the warning: the note of her shift.
        Assert.Equal("shift-done", driver.Focused().GetAttribute("id"));

        // 52 minutes after she signed in, and 26 after she stayed: still signed in.
        MoveClocks(driver, site, TimeSpan.FromMinutes(26));
        driver.Navigate().GoToUrl(site.Url("/Usage"));
        Assert.Contains("/console/Usage", driver.Url, StringComparison.Ordinal);
        Assert.Single(driver.FindElements(By.CssSelector("form.signout")));
    }

    [Fact]
    public async Task Without_stay_signed_in_the_warning_says_when_the_session_has_ended()
    {
        using var signedIn = await SignedInWithMovableClockAsync();
        var (site, driver) = (signedIn.Site, signedIn.Driver);
        driver.Navigate().GoToUrl(site.Url("/Content"));
        MoveClocks(driver, site, ConsoleServices.IdleTimeout + TimeSpan.FromMinutes(1));
        driver.WaitFor(d => d.FindElement(By.Id("session-warning-text")).Text.StartsWith("Your session has ended", StringComparison.Ordinal), what: "the end said");
        Assert.False(driver.FindElement(By.Id("stay-signed-in")).Displayed);
        driver.Navigate().GoToUrl(site.Url("/Usage"));
        driver.WaitFor(d => d.Url.Contains("/console/SignIn", StringComparison.Ordinal), what: "the sign-in page");
    }

    /// <summary>alice, enrolled in a browser whose pages get a Date.now that <see cref="MoveClocks"/> moves on; disposing it takes the clock away and stops the site.</summary>
    private async Task<SignedInWithMovableClock> SignedInWithMovableClockAsync()
    {
        var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice");
        var driver = browser.Fresh();
        var signedIn = new SignedInWithMovableClock(site, driver, AddMovableClock((ChromiumDriver)driver));
        try
        {
            site.EnrolInBrowser(driver, "alice");
            return signedIn;
        }
        catch
        {
            signedIn.Dispose();
            throw;
        }
    }

    private sealed record SignedInWithMovableClock(ConsoleSite Site, IWebDriver Driver, object Script) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                RemoveMovableClock((ChromiumDriver)Driver, Script);
            }
            finally
            {
                Site.Dispose();
            }
        }
    }

    /// <summary>Every page from now on gets a Date.now that <see cref="MoveClocks"/> moves on.</summary>
    private static object AddMovableClock(ChromiumDriver chromium) =>
        chromium.ExecuteCdpCommand("Page.addScriptToEvaluateOnNewDocument", new Dictionary<string, object?> { ["source"] = MovableClock })!;

    private static void RemoveMovableClock(ChromiumDriver chromium, object script) =>
        chromium.ExecuteCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
            new Dictionary<string, object?> { ["identifier"] = ((IDictionary<string, object>)script)["identifier"] });

    private static void MoveClocks(IWebDriver driver, ConsoleSite site, TimeSpan by)
    {
        site.Factory.Clock.Advance(by);
        ((IJavaScriptExecutor)driver).ExecuteScript("window.__moveClock(arguments[0]);", (long)by.TotalMilliseconds);
    }
}
