using OpenQA.Selenium;
using WestmontTextLine.Tests.Console.Inbox;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;
using static WestmontTextLine.Tests.Browser.InboxInBrowser;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// A conversation open in the console while the line restarts (found live: SIGTERM, then kill -9, under an open page):
/// the page says that what it shows may be out of date while the line cannot be reached.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LineRestartBrowserTests(BrowserFixture browser)
{
    private const string Texter = "+16305550183";
    private const string Paused = "Live updates paused; trying again. What this page shows may be out of date until they are back.";

    // Found live: with the line stopped, the event stream kept reconnecting in silence, and the page showed the chat as
    // it was, with nothing to say it was no longer live (a text she sent then was not there, and nothing said so).
    [Fact]
    public async Task While_the_line_cannot_be_reached_the_page_says_it_may_be_out_of_date_and_catches_up_when_it_answers()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        var line = new UnreachableConsole();
        using var site = ConsoleSite.Start(factory => factory.Staffed(fake), line.AddTo);
        var driver = await AliceOnShiftAsync(site);
        var texter = await InAClaimedChatAsync(driver, site);

        line.GoDown();
        driver.WaitFor(d => d.FindElement(By.Id("live-status")).Text == Paused, timeout: TimeSpan.FromSeconds(30), what: "the paused notice");
        await texter.TextAsync("are you there?");

        line.ComeBack();
        driver.WaitFor(d => d.FindElement(By.Id("thread")).Text.Contains("are you there?", StringComparison.Ordinal),
            timeout: TimeSpan.FromSeconds(30), what: "her text, caught up");
        driver.WaitFor(d => d.FindElement(By.Id("live-status")).Text == "", what: "the paused notice gone");
    }

    private async Task<IWebDriver> AliceOnShiftAsync(ConsoleSite site)
    {
        await site.AddStaffAsync("alice");
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");
        GoOnShift(driver, site);
        return driver;
    }

    private static async Task<TwilioClient> InAClaimedChatAsync(IWebDriver driver, ConsoleSite site)
    {
        var texter = site.Factory.CreateTwilioClient(Texter);
        await texter.TextAsync("TALK");
        OpenAndClaim(driver, site, site.Factory.PseudonymOf(Texter));
        return texter;
    }
}
