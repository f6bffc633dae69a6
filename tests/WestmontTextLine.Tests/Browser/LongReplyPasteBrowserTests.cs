using OpenQA.Selenium;
using WestmontTextLine.Tests.Console.Inbox;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// A reply pasted whole, longer than a reply may be: the box keeps every character, and the page says it is too long
/// and how long it may be; Send is refused by the server's own limit, and the reply stays in its box, whole.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LongReplyPasteBrowserTests(BrowserFixture browser)
{
    private const string Texter = "+16305550187";

    // Found live: a 2,000-character paste (a referral list copied from a document) was cut at the box's maxlength of
    // 1,600 with no word said; staff shortened what was left and never knew the end was gone.
    [Fact]
    public async Task A_paste_longer_than_a_reply_may_be_is_kept_whole_and_the_page_says_how_long_it_may_be()
    {
        await using var alice = await AliceOnShift.StartAsync(browser);
        await alice.InAClaimedChatWithAsync(Texter);
        var driver = alice.Driver;

        var pasted = string.Concat(Enumerable.Repeat("Call the clinic on Main St. ", 72)).TrimEnd();
        Assert.True(pasted.Length > 1600, $"{pasted.Length} characters");
        var box = driver.FindElement(By.Id("reply-body"));
        box.Click();
        // insertText is what a paste does to the box: typed input, held to the box's maxlength if it has one.
        Js(driver).ExecuteScript("document.execCommand('insertText', false, arguments[0]);", pasted);

        Assert.Equal(pasted.Length, Convert.ToInt32(Js(driver).ExecuteScript("return document.getElementById('reply-body').value.length;")));
        var told = driver.WaitFor(d => d.FindElement(By.Id("reply-problem")).Text is { Length: > 0 } text ? text : null, what: "the reply called too long");
        Assert.Equal($"Longer than 3 segments: {pasted.Length} characters, and a reply may have at most 459 in GSM-7. Shorten it.", told);

        driver.FindElement(By.Id("send-reply")).Click();
        driver.WaitFor(d => d.FindElements(By.Id("problem-0")).Count > 0, what: "the refusal");
        Assert.Equal(pasted, driver.FindElement(By.Id("reply-body")).GetAttribute("value"));
        await alice.Site.Factory.SendOutboxAsync();
        Assert.Empty(alice.Fake.SentTo(Texter));
    }

    private static IJavaScriptExecutor Js(IWebDriver driver) => (IJavaScriptExecutor)driver;
}
