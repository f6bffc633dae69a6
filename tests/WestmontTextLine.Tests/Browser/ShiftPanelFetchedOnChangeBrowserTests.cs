using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Support;
using static WestmontTextLine.Tests.Browser.InboxInBrowser;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// An open inbox fetches its shift panel again only when what it shows changed (who is on shift, or, for the last one
/// on shift, the open conversations her warning counts), as the list it fetches at each event says. It fetched the
/// panel at every event and every 30 seconds, though a shift changes rarely.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ShiftPanelFetchedOnChangeBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Texts_in_the_inbox_fetch_no_shift_panel_and_a_colleague_going_off_shift_does()
    {
        var fetches = CountedRequests.ShiftPartFetches();
        await using var alice = await AliceOnShift.StartAsync(browser, fetches.AddTo);
        var (site, driver) = (alice.Site, alice.Driver);
        var shifts = site.Factory.Services.GetRequiredService<IShifts>();
        // Away from the inbox alice went on shift from, which would fetch its panel for bob's shift.
        driver.Navigate().GoToUrl(site.Url("/Simulator"));
        await shifts.GoOnAsync("bob");
        driver.Navigate().GoToUrl(site.Url("/Inbox"));
        WaitUntilLive(driver, "inbox-live");
        MarkThePage(driver);
        Assert.Equal("On shift now: alice, bob.", OnShift(driver));
        var before = fetches.Count;
        var texter = await alice.TexterAsksForAPersonAsync(TestNumbers.Next());
        await texter.TextAsync("are you there?");
        await texter.TextAsync("HELP ME");
        driver.WaitFor(d => d.FindElements(By.CssSelector("#inbox-table tr.urgent")).Count == 1, what: "her chat, urgent, in the list");
        var refreshed = Refreshes(driver, "inbox-live");
        await texter.TextAsync("please");
        driver.WaitFor(d => Refreshes(d, "inbox-live") > refreshed, what: "the list fetched for her text");

        Assert.Equal(before, fetches.Count);

        await shifts.GoOffAsync("bob");
        driver.WaitFor(d => OnShift(d) == "On shift now: alice.", what: "bob off shift, in alice's inbox");
        var told = driver.WaitFor(d => d.FindElements(By.Id("last-on-shift")).FirstOrDefault()?.Text, what: "alice told she is the only one");
        Assert.Contains("1 conversation is open", told);
        var afterBob = fetches.Count;
        Assert.True(afterBob >= 1, "bob's going off shift fetched no panel");

        // The last one on shift: her warning counts the open conversations, so one more opening changes the panel.
        await alice.TexterAsksForAPersonAsync(TestNumbers.Next());
        driver.WaitFor(d => d.FindElements(By.Id("last-on-shift")).FirstOrDefault()?.Text.Contains("2 conversations are open", StringComparison.Ordinal) == true,
            what: "her warning counting the new conversation");
        Assert.True(fetches.Count > afterBob);
        Assert.True(NeverLeft(driver), "the inbox was loaded again");
    }

    private static string OnShift(IWebDriver driver) => driver.FindElement(By.Id("on-shift")).Text;
}
