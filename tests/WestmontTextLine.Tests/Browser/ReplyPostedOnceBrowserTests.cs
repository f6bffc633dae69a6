using OpenQA.Selenium;
using WestmontTextLine.Tests.Console.Inbox;
using static WestmontTextLine.Tests.Browser.InboxInBrowser;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// A reply the server refuses is posted once: the page shows why from that first answer. Found in review: the page's
/// script posted the reply, and on a refusal had the browser post it a second time to show the server's page, which
/// sent nothing again but doubled the request (and a line stopping in between left the page for the browser's error).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReplyPostedOnceBrowserTests(BrowserFixture browser)
{
    private const string Texter = "+16305550191";

    [Fact]
    public async Task A_reply_too_long_is_posted_once_and_the_page_says_why_with_the_reply_in_its_box()
    {
        var posts = CountedRequests.ReplyPosts();
        await using var alice = await AliceOnShift.StartAsync(browser, posts.AddTo);
        await alice.InAClaimedChatWithAsync(Texter);
        var driver = alice.Driver;
        var pasted = string.Concat(Enumerable.Repeat("Call the clinic on Main St. ", 72)).TrimEnd();
        driver.FindElement(By.Id("reply-body")).Click();
        Js(driver).ExecuteScript("document.execCommand('insertText', false, arguments[0]);", pasted);
        driver.WaitFor(d => d.FindElement(By.Id("reply-form")).GetAttribute("data-measured") is not null, what: "the reply measured");
        MarkThePage(driver);

        driver.FindElement(By.Id("send-reply")).Click();

        var told = driver.WaitFor(d => d.FindElements(By.Id("problem-0")).FirstOrDefault()?.Text is { Length: > 0 } text ? text : null, what: "the refusal");
        Assert.Equal("Write a reply first (at most 3 segments).", told);
        Assert.Equal(1, posts.Count);
        Assert.True(NeverLeft(driver), "the page was loaded again to show the refusal");
        Assert.StartsWith("Error: ", driver.Title, StringComparison.Ordinal);
        Assert.Equal(pasted, driver.FindElement(By.Id("reply-body")).GetAttribute("value"));
        // As the server's page puts it: in the reply box, which reads why first.
        Assert.Equal("reply-body", Js(driver).ExecuteScript("return document.activeElement.id;"));
        Assert.StartsWith("problem-0 ", driver.FindElement(By.Id("reply-body")).GetAttribute("aria-describedby"), StringComparison.Ordinal);
        await alice.Site.Factory.SendOutboxAsync();
        Assert.Empty(alice.Fake.SentTo(Texter));
    }

    [Fact]
    public async Task A_reply_sent_as_the_chat_closed_is_posted_once_and_kept_read_only_with_why()
    {
        var posts = CountedRequests.ReplyPosts();
        await using var alice = await AliceOnShift.StartAsync(browser, posts.AddTo);
        var texter = await alice.InAClaimedChatWithAsync(Texter);
        var driver = alice.Driver;
        const string Reply = "Hi, it's Alice from the line. Are you safe to text?";
        TypeReply(driver, Reply);
        // The page does not hear of the close before Send: the moment between her STOP and the page's refresh, held open.
        Js(driver).ExecuteScript("""
            const realFetch = window.fetch;
            window.fetch = function (url) {
              return String(url).includes("handler=Live") ? new Promise(function () {}) : realFetch.apply(this, arguments);
            };
            """);

        await texter.TextAsync("STOP");
        driver.FindElement(By.Id("send-reply")).Click();

        var told = driver.WaitFor(d => d.FindElements(By.Id("problem-0")).FirstOrDefault()?.Text is { Length: > 0 } text ? text : null, what: "the refusal");
        Assert.StartsWith("Your reply was not sent: this conversation closed before it went", told, StringComparison.Ordinal);
        Assert.Equal(1, posts.Count);
        Assert.True(NeverLeft(driver), "the page was loaded again to show the refusal");
        Assert.Equal("This conversation is closed. Your reply was not sent.", driver.FindElement(By.Id("reply-needs-claim")).Text);
        Assert.Equal(Reply, driver.FindElement(By.Id("reply-body")).GetAttribute("value"));
        Assert.True(Js(driver).ExecuteScript("return document.getElementById('reply-body').readOnly;") is true, "the closed chat's box is still open");
        Assert.False(driver.FindElement(By.Id("send-reply")).Enabled);
        Assert.Equal("problem-0", Js(driver).ExecuteScript("return document.activeElement.id;"));
    }

    private static IJavaScriptExecutor Js(IWebDriver driver) => (IJavaScriptExecutor)driver;
}
