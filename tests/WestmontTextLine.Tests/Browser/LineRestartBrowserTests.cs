using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenQA.Selenium;
using WestmontTextLine.Tests.Console.Inbox;
using static WestmontTextLine.Tests.Browser.InboxInBrowser;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// A conversation open in the console while the line restarts (found live: SIGTERM, then kill -9, under an open page):
/// the page says that what it shows may be out of date while the line cannot be reached, and a reply sent then stays
/// in its box with the reason, and goes once, when the line answers again; so does a reply whose post finds the line
/// stopped just after Send's session check.
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
        TypeReply(driver, Reply);

        line.GoDown();
        driver.FindElement(By.Id("send-reply")).Click();
        var told = driver.WaitFor(d => d.FindElements(By.Id("store-down")).FirstOrDefault()?.Text is { Length: > 0 } text ? text : null,
            what: "the notice that it was not sent");
        Assert.Contains("cannot be reached", told);
        Assert.Contains("kept here", told);
        Assert.True(NeverLeft(driver), "Send left the page, and the reply with it");
        Assert.Equal(Reply, driver.FindElement(By.Id("reply-body")).GetAttribute("value"));

        line.ComeBack();
        driver.FindElement(By.Id("send-reply")).Click();
        driver.WaitFor(d => d.FindElements(By.CssSelector(".done")).FirstOrDefault()?.Text == $"Sent to {alice.PseudonymOf(Texter)}.",
            timeout: TimeSpan.FromSeconds(30), what: "the reply sent");
        await alice.Site.Factory.SendOutboxAsync();
        Assert.Single(alice.Fake.SentTo(Texter), text => text.Form["Body"] == Reply);
    }

    // Found by staff: the line stopped after Send's session check had answered and before the reply's post, and the
    // post left the page for the browser's "This site can't be reached"; only Back brought the reply back, and nothing
    // said whether it had gone.
    [Fact]
    public async Task A_reply_whose_post_finds_the_line_stopped_after_its_check_stays_in_its_box_and_says_the_line_did_not_answer()
    {
        await using var alice = await AliceOnShift.StartAsync(browser);
        await alice.InAClaimedChatWithAsync(Texter);
        var driver = alice.Driver;
        const string Reply = "Hi, it's Alice from the line. Is now a good time to text?";
        TypeReply(driver, Reply);
        HoldTheNextCheckUntilTheLineHasStopped(driver);

        driver.FindElement(By.Id("send-reply")).Click();
        driver.WaitFor(d => Js(d).ExecuteScript("return window.__checkAnswered === true;") is true, what: "Send's session check answered");
        await StopTheLineAsync(alice.Site);
        Js(driver).ExecuteScript("window.__lineStopped = true;");

        var told = driver.WaitFor(d => d.FindElements(By.Id("store-down")).FirstOrDefault()?.Text is { Length: > 0 } text ? text : null,
            timeout: TimeSpan.FromSeconds(30), what: "the notice that the line did not answer");
        Assert.Contains("did not answer", told);
        Assert.Contains("kept here: press Send reply again", told);
        Assert.True(NeverLeft(driver), "Send left the page, and the reply with it");
        Assert.Equal(Reply, driver.FindElement(By.Id("reply-body")).GetAttribute("value"));
    }

    // What "If it did go, it does not go twice" stands on: the line took the reply and lost its answer (the connection
    // dropped as it stopped); Send again, once it answers, posts the same reply id, and she gets one text.
    [Fact]
    public async Task A_reply_the_line_took_without_answering_goes_once_when_sent_again()
    {
        var line = new UnreachableConsole();
        await using var alice = await AliceOnShift.StartAsync(browser, line.AddTo);
        await alice.InAClaimedChatWithAsync(Texter);
        var driver = alice.Driver;
        const string Reply = "Hi, it's Alice from the line. Text back when it is safe.";
        TypeReply(driver, Reply);

        line.LoseReplyAnswers();
        driver.FindElement(By.Id("send-reply")).Click();
        var told = driver.WaitFor(d => d.FindElements(By.Id("store-down")).FirstOrDefault()?.Text is { Length: > 0 } text ? text : null,
            what: "the notice that the line did not answer");
        Assert.Contains("If it did go, it does not go twice.", told);
        Assert.True(NeverLeft(driver), "Send left the page, and the reply with it");
        Assert.Equal(Reply, driver.FindElement(By.Id("reply-body")).GetAttribute("value"));

        line.ComeBack();
        driver.FindElement(By.Id("send-reply")).Click();
        driver.WaitFor(d => d.FindElements(By.CssSelector(".done")).FirstOrDefault()?.Text == $"Sent to {alice.PseudonymOf(Texter)}.",
            timeout: TimeSpan.FromSeconds(30), what: "the reply sent");
        await alice.Site.Factory.SendOutboxAsync();
        Assert.Single(alice.Fake.SentTo(Texter), text => text.Form["Body"] == Reply);
    }

    /// <summary>
    /// Send's session check (the page's first request to the Meter handler from here on) reaches the line and is
    /// answered, but the page is handed the answer only once the test says the line has stopped: the moment between the
    /// check and the post, held open.
    /// </summary>
    private static void HoldTheNextCheckUntilTheLineHasStopped(IWebDriver driver) => Js(driver).ExecuteScript("""
        const realFetch = window.fetch;
        let held = false;
        window.fetch = function (url, init) {
          const answer = realFetch.apply(this, arguments);
          if (held || !String(url).includes("handler=Meter")) return answer;
          held = true;
          return answer.then(response => new Promise(resolve => {
            window.__checkAnswered = true;
            const wait = () => window.__lineStopped ? resolve(response) : setTimeout(wait, 20);
            wait();
          }));
        };
        """);

    /// <summary>
    /// The line stops for real, as on a restart: its host is told to stop (its event streams end, its services are
    /// disposed), and this waits until its server no longer listens, so the browser's next request finds no one there.
    /// </summary>
    private static async Task StopTheLineAsync(ConsoleSite site)
    {
        var server = site.Factory.Services.GetRequiredService<IServer>();
        site.Factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await server.StopAsync(CancellationToken.None);
    }

    private static IJavaScriptExecutor Js(IWebDriver driver) => (IJavaScriptExecutor)driver;
}
