using OpenQA.Selenium;
using WestmontTextLine.Tests.Console.Inbox;
using static WestmontTextLine.Tests.Browser.InboxInBrowser;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// Send reply says "Sent to ..." on a busy host too. Once in CI (InboxLiveAccessBrowserTests), the page after Send showed
/// nothing: the reply's own inbox event refreshed the live part while the post was still being answered; that refresh
/// went out without the notice's cookie and came back after the post's answer had set it, and its answer deleted it
/// before the browser loaded the page the post redirected to.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SentNoticeOnABusyHostBrowserTests(BrowserFixture browser)
{
    private const string Texter = "+16305550193";
    private const string Reply = "Hi, it's Alice from the line.";

    [Fact]
    public async Task A_reply_sent_while_the_live_part_refreshes_comes_back_saying_it_was_sent()
    {
        await using var alice = await AliceOnShift.StartAsync(browser, BusyHost.AddTo);
        await alice.InAClaimedChatWithAsync(Texter);
        var driver = alice.Driver;
        TypeReply(driver, Reply);
        // A busy renderer: the post's answer reaches the page's script a while after the browser took its cookies.
        ((IJavaScriptExecutor)driver).ExecuteScript("""
            const realFetch = window.fetch;
            window.fetch = function (url, options) {
              const answer = realFetch.apply(this, arguments);
              if (!String(url).includes("handler=Reply")) return answer;
              return answer.then(function (response) {
                return new Promise(function (resolve) { window.setTimeout(function () { resolve(response); }, 600); });
              });
            };
            """);

        driver.FindElement(By.Id("send-reply")).Click();

        driver.WaitFor(d => d.FindElements(By.CssSelector(".done")).FirstOrDefault()?.Text == $"Sent to {alice.PseudonymOf(Texter)}.", what: "the reply sent");
        await alice.Site.Factory.SendOutboxAsync();
        Assert.Equal(Reply, alice.Fake.SentTo(Texter)[^1].Form["Body"]);
    }
}
