using OpenQA.Selenium;
using WestmontTextLine.Tests.Console.Inbox;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// A conversation open in the console while the line restarts (found live: SIGTERM, then kill -9, under an open page):
/// the page says that what it shows may be out of date while the line cannot be reached, and a reply sent then stays
/// in its box with the reason, and goes once, when the line answers again.
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
        var line = new UnreachableConsole();
        await using var alice = await AliceOnShift.StartAsync(browser, line.AddTo);
        var texter = await alice.InAClaimedChatWithAsync(Texter);
        var driver = alice.Driver;

        line.GoDown();
        driver.WaitFor(d => d.FindElement(By.Id("live-status")).Text == Paused, timeout: TimeSpan.FromSeconds(30), what: "the paused notice");
        await texter.TextAsync("are you there?");

        line.ComeBack();
        driver.WaitFor(d => d.FindElement(By.Id("thread")).Text.Contains("are you there?", StringComparison.Ordinal),
            timeout: TimeSpan.FromSeconds(30), what: "her text, caught up");
        driver.WaitFor(d => d.FindElement(By.Id("live-status")).Text == "", what: "the paused notice gone");
    }

    // Found live: Send reply with the line stopped left the page for the browser's "This site can't be reached", the
    // reply gone from the screen (only Back brought it back, and nothing said so).
    [Fact]
    public async Task A_reply_sent_while_the_line_cannot_be_reached_stays_in_its_box_with_the_reason_and_goes_once_when_it_answers()
    {
        var line = new UnreachableConsole();
        await using var alice = await AliceOnShift.StartAsync(browser, line.AddTo);
        await alice.InAClaimedChatWithAsync(Texter);
        var driver = alice.Driver;
        const string Reply = "Hi, it's Alice from the line. Are you safe to text?";
        driver.FindElement(By.Id("reply-body")).SendKeys(Reply);
        driver.WaitFor(d => d.FindElement(By.Id("reply-form")).GetAttribute("data-measured") is not null, what: "the reply measured");
        Js(driver).ExecuteScript("window.__notReloaded = true;");

        line.GoDown();
        driver.FindElement(By.Id("send-reply")).Click();
        var told = driver.WaitFor(d => d.FindElements(By.Id("store-down")).FirstOrDefault()?.Text is { Length: > 0 } text ? text : null,
            what: "the notice that it was not sent");
        Assert.Contains("cannot be reached", told);
        Assert.Contains("kept here", told);
        Assert.True(Js(driver).ExecuteScript("return window.__notReloaded === true;") is true, "Send left the page, and the reply with it");
        Assert.Equal(Reply, driver.FindElement(By.Id("reply-body")).GetAttribute("value"));

        line.ComeBack();
        driver.FindElement(By.Id("send-reply")).Click();
        driver.WaitFor(d => d.FindElements(By.CssSelector(".done")).FirstOrDefault()?.Text == $"Sent to {alice.PseudonymOf(Texter)}.",
            timeout: TimeSpan.FromSeconds(30), what: "the reply sent");
        await alice.Site.Factory.SendOutboxAsync();
        Assert.Single(alice.Fake.SentTo(Texter), text => text.Form["Body"] == Reply);
    }

    private static IJavaScriptExecutor Js(IWebDriver driver) => (IJavaScriptExecutor)driver;
}
