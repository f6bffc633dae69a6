using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Console.Inbox;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// Talk to a person, the whole loop, with staff in headless Chromium and a texter texting the line signed: on shift,
/// a texter's TALK shows in the inbox without a reload, staff claim and reply (the provider gets the text, GSM-7, to
/// her number), her next texts and an urgent flag show as they come, going off shift as the last one asks first, staff close, and her next digit works the menu.
/// Each page is checked with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Browser.DocumentationScreenshotsCategory)]
public sealed class InboxBrowserTests(BrowserFixture browser)
{
    private const string TexterNumber = "+16305550191";
    /// <summary>
    /// Well under the page's own 30-second refresh, so what shows came by the live stream (and no reload: each step checks
    /// the page mark); not the README's 2 seconds, which is a speed goal, not a test's: a quiet fresh-clone CI run once saw
    /// the new conversation land just after 2 s (the tab's title already said "(1 waiting)").
    /// </summary>
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Staff_on_shift_see_a_texter_arrive_live_claim_reply_see_her_texts_and_urgent_flag_close_and_she_is_back_in_the_menu()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var site = ConsoleSite.Start(factory => factory.Staffed(fake));
        await site.AddStaffAsync("alice");
        var messages = site.Factory.Services.GetRequiredService<Flow>().Default.Messages;
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");

        // 1. On shift, with the button on the home page.
        driver.Navigate().GoToUrl(site.Url("/"));
        Assert.Contains("Nobody is on shift", driver.FindElement(By.Id("on-shift")).Text);
        driver.FindElement(By.Id("shift-button")).Click();
        driver.WaitFor(d => d.FindElement(By.Id("shift-button")).Text == "Go off shift", what: "on shift");
        Assert.Equal("On shift now: alice.", driver.FindElement(By.Id("on-shift")).Text);
        AssertAccessible(driver);

        // 2-3. The inbox, live; a texter asks for a person, and she shows up without a reload.
        driver.FindElement(By.LinkText("Inbox")).Click();
        WaitUntilLive(driver, "inbox-live");
        MarkPage(driver);
        var texter = site.Factory.CreateTwilioClient(TexterNumber);
        await texter.TextAsync("hi");
        await texter.TextAsync("3");
        await texter.TextAsync("1");
        Assert.Equal(messages.HandoffOpen, await texter.TextAsync("TALK"));
        var pseudonym = site.Factory.PseudonymOf(TexterNumber);
        driver.WaitFor(d => d.FindElements(By.LinkText(pseudonym)).Count == 1, Live, "the new conversation in the inbox");
        AssertNotReloaded(driver);
        var row = driver.WaitFor(d => d.FindElement(By.CssSelector("#inbox-table tbody tr")).Text, what: "her row");
        Assert.Contains("English", row);
        Assert.Contains("nobody yet", row);
        Assert.Contains(site.Factory.Services.GetRequiredService<Flow>().Default.Nodes["health_testing"].Label!, row);
        Assert.DoesNotContain(TexterNumber[2..], driver.PageSource);
        AssertAccessible(driver);
        driver.SaveDocumentationScreenshot("inbox");

        // 4. Claim, and reply: the lock-screen warning while the start gives the subject away, then a referral.
        ClickWhenReady(driver, By.LinkText(pseudonym));
        ClickWhenReady(driver, By.Id("claim"));
        driver.WaitFor(d => d.FindElement(By.Id("claimed-by")).Text == "you", what: "the claim");
        WaitUntilLive(driver, "conversation-live");
        ConsoleSite.Fill(driver, "reply-body", "Police can help you get your papers back.");
        driver.WaitFor(d => d.FindElement(By.Id("reply-lockscreen")).Text.Contains("\"Police\"", StringComparison.Ordinal), what: "the lock-screen warning");
        ConsoleSite.Fill(driver, "reply-body", "Hi, it's Alice from the line. You can call");
        driver.WaitFor(d => d.FindElement(By.Id("reply-meter")).Text == "1 segment, GSM-7: 42 of 160 characters", what: "the segment count");
        Assert.Equal("", driver.FindElement(By.Id("reply-lockscreen")).Text);
        driver.FindElement(By.CssSelector("#referral option[value='trafficking_hotline']")).Click();
        driver.FindElement(By.Id("insert-referral")).Click();
        var reply = driver.WaitFor(d => d.FindElement(By.Id("reply-body")).GetAttribute("value") is { } value && value.Contains("1-888-373-7888", StringComparison.Ordinal)
            ? value : null, what: "the referral inserted");
        driver.WaitFor(d => d.FindElement(By.Id("reply-meter")).Text.StartsWith("1 segment, GSM-7", StringComparison.Ordinal), what: "the count with the referral");
        AssertAccessible(driver);
        ((IJavaScriptExecutor)driver).ExecuteScript("window.scrollTo(0, 0);");
        driver.SaveDocumentationScreenshot("conversation");
        driver.FindElement(By.Id("send-reply")).Click();
        driver.WaitFor(d => d.FindElements(By.CssSelector(".done")).FirstOrDefault()?.Text == $"Sent to {pseudonym}.", what: "the reply sent");

        // 5. The provider gets it, in GSM-7, to her number.
        await site.Factory.SendOutboxAsync();
        var sent = Assert.Single(fake.SentTo(TexterNumber));
        Assert.Equal(reply, sent.Form["Body"]);
        Assert.True(SmsText.IsGsm7(sent.Form["Body"]));
        Assert.Equal(ProviderTextLine.LineNumber, sent.Form["From"]);

        // 6. Her next text shows without a reload.
        WaitUntilLive(driver, "conversation-live");
        MarkPage(driver);
        Assert.Null(await texter.TextAsync("I am at the bus station"));
        driver.WaitFor(d => d.FindElements(By.CssSelector("#thread .from-texter .body")).Any(b => b.Text == "I am at the bus station"), Live, "her next text");

        // 7. An emergency word: the emergency reply at once, and the conversation flagged urgent.
        Assert.Equal(messages.Emergency, await texter.TextAsync("DANGER"));
        driver.WaitFor(d => d.FindElement(By.Id("conversation-state")).Text.Contains("URGENT", StringComparison.OrdinalIgnoreCase), Live, "the urgent flag");
        AssertNotReloaded(driver);
        Assert.DoesNotContain(TexterNumber[2..], driver.PageSource);
        AssertAccessible(driver);

        // 7b. The last one on shift, with her conversation open, is asked before going off shift, and stays on.
        driver.Navigate().GoToUrl(site.Url("/"));
        Assert.Contains("You are the only one on shift, and 1 conversation is open", driver.FindElement(By.Id("last-on-shift")).Text);
        driver.FindElement(By.Id("shift-button")).Click();
        driver.WaitFor(d => d.FindElements(By.Id("leave-anyway")).Count == 1, what: "the question before going off shift");
        Assert.Contains("1 conversation is open (1 waiting for an answer, 1 urgent, yours)", driver.FindElement(By.Id("leaving-summary")).Text);
        AssertAccessible(driver);
        driver.FindElement(By.Id("stay-on-shift")).Click();
        ClickWhenReady(driver, By.LinkText(pseudonym));
        WaitUntilLive(driver, "conversation-live");

        // 8. Close: she gets the closing text.
        ClickWhenReady(driver, By.Id("close"));
        driver.WaitFor(d => d.FindElement(By.Id("conversation-state")).Text.StartsWith("closed", StringComparison.Ordinal), what: "closed");
        Assert.True(driver.FindElements(By.Id("reply-form")).Count == 0, "a closed conversation still offers a reply");
        await site.Factory.SendOutboxAsync();
        Assert.Equal(messages.HandoffClosed, fake.SentTo(TexterNumber)[^1].Form["Body"]);

        // 9. Her next digit works the menu again.
        Assert.Equal(MenuReplies.After(1), await texter.TextAsync("1"));
    }

    /// <summary>Clicks an element of a live part, finding it again if a refresh replaced it meanwhile.</summary>
    private static void ClickWhenReady(IWebDriver driver, By by) =>
        driver.WaitFor(d =>
        {
            d.FindElement(by).Click();
            return true;
        }, what: $"a click on {by}");

    private static void WaitUntilLive(IWebDriver driver, string id) =>
        driver.WaitFor(d => d.FindElement(By.Id(id)).GetAttribute("data-live") == "on", what: $"{id}'s event stream");

    /// <summary>Marks the page in the browser: a reload would lose the mark.</summary>
    private static void MarkPage(IWebDriver driver) => ((IJavaScriptExecutor)driver).ExecuteScript("window.__notReloaded = true;");

    private static void AssertNotReloaded(IWebDriver driver) =>
        Assert.True(((IJavaScriptExecutor)driver).ExecuteScript("return window.__notReloaded === true;") is true, "the page was reloaded");

    private static void AssertAccessible(IWebDriver driver)
    {
        var violations = driver.AxeViolations();
        Assert.True(violations.Count == 0, $"{driver.Url}: " + string.Join("; ", violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Targets)}")));
    }
}
