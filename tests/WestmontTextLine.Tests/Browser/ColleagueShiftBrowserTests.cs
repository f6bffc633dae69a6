using OpenQA.Selenium;
using WestmontTextLine.Tests.Support;
using static WestmontTextLine.Tests.Browser.InboxInBrowser;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// Two staff, each in a browser of their own: an inbox left open sees a colleague go on and off shift as it happens
/// (who is on shift, the last one's warning, a chat whose holder left), through its live stream, without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ColleagueShiftBrowserTests(BrowserFixture browser)
{
    private static readonly string Texter = TestNumbers.Next();

    // Found by staff: with bob gone on shift, alice's open inbox still said "On shift now: alice." and that she was the
    // only one, until she reloaded it; the list's holders updated, the shift panel never did.
    [Fact]
    public async Task An_open_inbox_sees_a_colleague_go_on_and_off_shift_and_the_chat_he_left_without_a_reload()
    {
        await using var alice = await AliceOnShift.StartAsync(browser);
        await alice.TexterAsksForAPersonAsync(Texter);
        var (site, driver) = (alice.Site, alice.Driver);
        driver.Navigate().GoToUrl(site.Url("/Inbox"));
        WaitUntilLive(driver, "inbox-live");
        Assert.Equal("On shift now: alice.", OnShift(driver));
        Assert.Single(driver.FindElements(By.Id("last-on-shift")));
        MarkThePage(driver);

        using var bobsBrowser = ChromeSession.Start();
        var bob = bobsBrowser.Driver;
        await site.AddStaffAsync("bob");
        site.EnrolInBrowser(bob, "bob");
        GoOnShift(bob, site);

        driver.WaitFor(d => OnShift(d) == "On shift now: alice, bob.", what: "bob on shift, in alice's inbox");
        driver.WaitFor(d => d.FindElements(By.Id("last-on-shift")).Count == 0, what: "alice no longer told she is the only one");

        OpenAndClaim(bob, site, alice.PseudonymOf(Texter));
        driver.WaitFor(d => Holder(d) == "bob", what: "bob's claim, in alice's inbox");
        GoOffShift(bob, site);

        driver.WaitFor(d => OnShift(d) == "On shift now: alice.", what: "bob off shift, in alice's inbox");
        driver.WaitFor(d => Holder(d) == "bob (off shift: anyone may take it over)", what: "the chat bob left, in alice's inbox");
        driver.WaitFor(d => d.FindElements(By.Id("last-on-shift")).Count == 1, what: "alice told she is the only one again");
        Assert.True(NeverLeft(driver), "alice's inbox was reloaded");
        Assert.Equal("Go off shift", driver.FindElement(By.Id("shift-button")).Text);
    }

    private static string OnShift(IWebDriver driver) => driver.FindElement(By.Id("on-shift")).Text;

    /// <summary>The "Claimed by" cell of the one conversation in the inbox.</summary>
    private static string Holder(IWebDriver driver) => driver.FindElement(By.CssSelector("#inbox-table tbody tr td:nth-of-type(3)")).Text;

    private static IJavaScriptExecutor Js(IWebDriver driver) => (IJavaScriptExecutor)driver;
}
