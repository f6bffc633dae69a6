using OpenQA.Selenium;
using OpenQA.Selenium.Chromium;
using OpenQA.Selenium.Interactions;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Accounts;
using static WestmontTextLine.Tests.Browser.InboxInBrowser;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The console's 30 idle minutes, a time limit she is warned of and can extend (WCAG 2.2.1): five minutes before the
/// end, an alert with Stay signed in, which keeps the session. Before, a volunteer watching a quiet inbox (its updates
/// do not count as activity) was signed out with no word, and her next texter found the inbox on the sign-in page.
/// The browser's clock (Date.now) and the line's fake clock are moved on together.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionTimeLimitBrowserTests(BrowserFixture browser)
{
    // Moving the clock on also runs, once, each of the page's repeating timers that would have come due meanwhile, as
    // the line's fake clock does on the server: the page's own 5-second check then sees the time at once, instead of
    // up to 5 s of real time later.
    private const string MovableClock = """
        (() => {
          const real = Date.now.bind(Date); let offset = 0; Date.now = () => real() + offset;
          const repeating = new Map(), setRepeating = window.setInterval.bind(window), clearRepeating = window.clearInterval.bind(window);
          window.setInterval = (run, ms, ...args) => { const id = setRepeating(run, ms, ...args); repeating.set(id, { every: ms, run: () => run(...args) }); return id; };
          window.clearInterval = id => { repeating.delete(id); clearRepeating(id); };
          window.__moveClock = ms => { offset += ms; for (const timer of repeating.values()) if (timer.every <= ms) window.setTimeout(timer.run, 0); };
        })();
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

    // An admin who typed a new account's name and password, went to make tea, and pressed Add after the session had
    // ended: the post went to the sign-in page, and what she had typed was gone, with nothing to say why.
    [Fact]
    public async Task A_form_sent_after_the_session_ended_keeps_what_was_typed_and_goes_once_she_signed_in_again()
    {
        using var signedIn = await SignedInWithMovableClockAsync(StaffRoles.Admin);
        var (site, driver) = (signedIn.Site, signedIn.Driver);
        driver.Navigate().GoToUrl(site.Url("/Admin/Staff"));
        ConsoleSite.Fill(driver, "NewName", "bob");
        ConsoleSite.Fill(driver, "NewPassword", "violet harbour tin 88");
        MoveClocks(driver, site, ConsoleServices.IdleTimeout + TimeSpan.FromMinutes(1));
        driver.WaitFor(d => d.FindElement(By.Id("session-warning-text")).Text.StartsWith("Your session has ended", StringComparison.Ordinal), what: "the end said");

        driver.FindElement(By.Id("add-account-button")).Click();
        var link = driver.WaitFor(d => d.Focused() is { } focused && focused.GetAttribute("id") == "sign-in-again" ? focused : null, what: "the focus on signing in again");
        Assert.StartsWith("Your session has ended, so this was not sent. What you typed is kept here", driver.FindElement(By.Id("session-warning-text")).Text);
        Assert.Contains("/console/Admin/Staff", driver.Url, StringComparison.Ordinal);
        Assert.Equal("bob", driver.FindElement(By.Id("NewName")).GetAttribute("value"));
        Assert.Equal("violet harbour tin 88", driver.FindElement(By.Id("NewPassword")).GetAttribute("value"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        driver.AssertAccessible();

        // Signed in again in a new tab, she comes back and presses Add again.
        var page = driver.CurrentWindowHandle;
        driver.SwitchTo().NewWindow(WindowType.Tab);
        site.SignInInBrowser(driver, "alice", signedIn.Secret);
        // The new tab's page is the test's own clock too (each page's starts where the real one is), then tells the others.
        ((IJavaScriptExecutor)driver).ExecuteScript("if (!window.__moveClock) " + MovableClock + " window.__moveClock(arguments[0]); window.consoleIdle.touched();",
            (long)(ConsoleServices.IdleTimeout + TimeSpan.FromMinutes(1)).TotalMilliseconds);
        driver.Close();
        driver.SwitchTo().Window(page);
        driver.WaitFor(d => !d.FindElement(By.Id("session-warning")).Displayed, what: "the alert gone");
        driver.FindElement(By.Id("add-account-button")).Click();
        driver.WaitFor(d => d.Focused().Text.StartsWith("Added bob", StringComparison.Ordinal), what: "bob added");
    }

    /// <summary>alice, enrolled in a browser whose pages get a Date.now that <see cref="MoveClocks"/> moves on; disposing it takes the clock away and stops the site.</summary>
    private async Task<SignedInWithMovableClock> SignedInWithMovableClockAsync(string role = StaffRoles.Staff)
    {
        var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice", role);
        var driver = browser.Fresh();
        var signedIn = new SignedInWithMovableClock(site, driver, AddMovableClock((ChromiumDriver)driver));
        try
        {
            signedIn.Secret = site.EnrolInBrowser(driver, "alice");
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
        public string Secret { get; set; } = "";

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

    /// <summary>
    /// Takes the clock away. After another tab was opened and closed, the DevTools session that added it is gone, and
    /// its script with it ("Script not found"): a new page then has no movable clock, which is checked.
    /// </summary>
    private static void RemoveMovableClock(ChromiumDriver chromium, object script)
    {
        try
        {
            chromium.ExecuteCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
                new Dictionary<string, object?> { ["identifier"] = ((IDictionary<string, object>)script)["identifier"] });
        }
        catch (WebDriverException e) when (e.Message.Contains("Script not found", StringComparison.Ordinal))
        {
            chromium.Navigate().GoToUrl("about:blank");
            Assert.Equal(true, chromium.ExecuteScript("return typeof window.__moveClock === 'undefined';"));
        }
    }

    private static void MoveClocks(IWebDriver driver, ConsoleSite site, TimeSpan by)
    {
        site.Factory.Clock.Advance(by);
        ((IJavaScriptExecutor)driver).ExecuteScript("window.__moveClock(arguments[0]);", (long)by.TotalMilliseconds);
    }
}
