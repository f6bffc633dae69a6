using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using WestmontTextLine.Console;
using WestmontTextLine.Handoff;
using WestmontTextLine.Records;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Console.Inbox;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using static WestmontTextLine.Tests.Browser.InboxInBrowser;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The inbox's live updates for staff who work it with a keyboard or a screen reader, and for a session that ends
/// while a reply is being typed: a refresh keeps the focus where it was, says what is new in a polite live region
/// (never moving the focus), and a reply typed when the session ends stays in its box, with the reason and a way on.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxLiveAccessBrowserTests(BrowserFixture browser)
{
    private const string First = "+16305550181";
    private const string Second = "+16305550182";

    [Fact]
    public async Task A_new_conversation_is_announced_and_the_focus_stays_on_the_link_it_was_on()
    {
        await using var alice = await AliceOnShift.StartAsync(browser);
        var (site, driver) = (alice.Site, alice.Driver);
        await site.Factory.CreateTwilioClient(First).TextAsync("TALK");
        var first = site.Factory.PseudonymOf(First);
        var second = site.Factory.PseudonymOf(Second);

        driver.Navigate().GoToUrl(site.Url("/Inbox"));
        WaitUntilLive(driver, "inbox-live");
        // The catch-up refresh once the stream is open: after it, the link stays.
        driver.WaitFor(d => Refreshes(d, "inbox-live") >= 1, what: "the first refresh");
        var link = driver.WaitFor(d => d.FindElements(By.LinkText(first)).FirstOrDefault(), what: "her link");
        // Where a keyboard user tabbed to: her conversation's link.
        Js(driver).ExecuteScript("arguments[0].focus();", link);
        var refreshes = Refreshes(driver, "inbox-live");

        await site.Factory.CreateTwilioClient(Second).TextAsync("TALK");
        driver.WaitFor(d => d.FindElements(By.LinkText(second)).Count == 1, what: "the second conversation");
        driver.WaitFor(d => Refreshes(d, "inbox-live") > refreshes, what: "the list refreshed");

        Assert.Equal(first, Js(driver).ExecuteScript("return document.activeElement.textContent.trim();"));
        var news = driver.WaitFor(d => d.FindElement(By.Id("live-news")).GetAttribute("textContent") is { Length: > 0 } text ? text : null,
            what: "the announcement");
        Assert.Contains($"New conversation: {second}", news);
        Assert.Equal("polite", driver.FindElement(By.Id("live-news")).GetAttribute("aria-live"));
    }

    [Fact]
    public async Task Her_new_text_is_announced_without_moving_the_focus_from_the_reply_being_typed()
    {
        await using var alice = await AliceOnShift.StartAsync(browser);
        var texter = await alice.InAClaimedChatWithAsync(First);
        var (site, driver) = (alice.Site, alice.Driver);

        driver.FindElement(By.Id("reply-body")).SendKeys("Hi, it's Alice");
        await texter.TextAsync("I am at the bus station");
        driver.WaitFor(d => d.FindElements(By.CssSelector("#thread .from-texter .body")).Any(b => b.Text == "I am at the bus station"), what: "her text");

        var news = driver.WaitFor(d => d.FindElement(By.Id("live-news")).GetAttribute("textContent") is { Length: > 0 } text ? text : null,
            what: "the announcement");
        Assert.Contains($"New text from {site.Factory.PseudonymOf(First)}: I am at the bus station", news);
        Assert.Equal("reply-body", Js(driver).ExecuteScript("return document.activeElement.id;"));
        Assert.Equal("Hi, it's Alice", driver.FindElement(By.Id("reply-body")).GetAttribute("value"));
    }

    [Fact]
    public async Task A_reply_typed_when_the_session_ends_is_kept_she_is_told_and_it_is_sent_after_she_signs_in_again()
    {
        await using var alice = await AliceOnShift.StartAsync(browser);
        var texter = await alice.InAClaimedChatWithAsync(First);
        var (site, driver) = (alice.Site, alice.Driver);
        const string Reply = "Hi, it's Alice from the line. I can help with that.";
        TypeReply(driver, Reply);

        // She steps away; the session ends after its idle time, and a text from the texter refreshes the page.
        site.Factory.Clock.Advance(ConsoleServices.IdleTimeout + TimeSpan.FromMinutes(1));
        await texter.TextAsync("hello?");
        var told = driver.WaitFor(d => d.FindElement(By.Id("session-ended")).Text is { Length: > 0 } text ? text : null, what: "the session-ended notice");
        Assert.Contains("session has ended", told);
        Assert.True(NeverLeft(driver), "the page was reloaded, and the reply with it");
        Assert.Equal(Reply, driver.FindElement(By.Id("reply-body")).GetAttribute("value"));

        // Send now would lose it: the page keeps it and says so again instead.
        driver.FindElement(By.Id("send-reply")).Click();
        driver.WaitFor(d => d.SwitchTo().ActiveElement().GetAttribute("id") == "sign-in-again", what: "the focus on the way to sign in again");
        Assert.True(NeverLeft(driver), "Send left the page");
        Assert.Equal(Reply, driver.FindElement(By.Id("reply-body")).GetAttribute("value"));

        // She signs in again in another tab, comes back and sends it.
        var page = driver.CurrentWindowHandle;
        driver.SwitchTo().NewWindow(WindowType.Tab);
        site.SignInInBrowser(driver, "alice", alice.Secret);
        driver.Close();
        driver.SwitchTo().Window(page);
        driver.FindElement(By.Id("send-reply")).Click();
        driver.WaitFor(d => d.FindElements(By.CssSelector(".done")).FirstOrDefault()?.Text == $"Sent to {site.Factory.PseudonymOf(First)}.", what: "the reply sent");
        await site.Factory.SendOutboxAsync();
        Assert.Equal(Reply, alice.Fake.SentTo(First)[^1].Form["Body"]);
    }

    // Found live with Redis killed: Send reply left the page for the console's plain "cannot reach its store" answer,
    // and the reply typed for her was gone (the page is no-store, so Back brought an empty box).
    [Fact]
    public async Task A_reply_sent_while_the_store_is_down_stays_in_its_box_with_the_reason_and_goes_once_the_store_answers()
    {
        DownableRecords? records = null;
        await using var alice = await AliceOnShift.StartAsync(browser, services => services.AddSingleton<IPrivateRecords>(provider =>
            records = new DownableRecords(new SqlitePrivateRecords(provider.GetRequiredService<SqliteWriter>()))));
        await alice.InAClaimedChatWithAsync(First);
        var (site, driver) = (alice.Site, alice.Driver);
        const string Reply = "Hi, it's Alice. The clinic on Ogden is open until 6 today.";
        TypeReply(driver, Reply);

        records!.Down = true;
        driver.FindElement(By.Id("send-reply")).Click();
        var told = driver.WaitFor(d => d.FindElement(By.Id("store-down")).Text is { Length: > 0 } text ? text : null, what: "the store-down notice");
        Assert.Contains("cannot reach its store", told);
        Assert.Contains("kept here", told);
        Assert.True(NeverLeft(driver), "Send left the page, and the reply with it");
        Assert.Equal(Reply, driver.FindElement(By.Id("reply-body")).GetAttribute("value"));

        records.Down = false;
        driver.FindElement(By.Id("send-reply")).Click();
        driver.WaitFor(d => d.FindElements(By.CssSelector(".done")).FirstOrDefault()?.Text == $"Sent to {site.Factory.PseudonymOf(First)}.", what: "the reply sent");
        Assert.Equal("", driver.FindElement(By.Id("store-down")).Text);
        await site.Factory.SendOutboxAsync();
        Assert.Equal(Reply, alice.Fake.SentTo(First)[^1].Form["Body"]);
    }

    [Fact]
    public async Task After_a_reply_is_sent_the_focus_is_back_in_the_reply_box_which_reads_the_sent_notice()
    {
        await using var alice = await AliceOnShift.StartAsync(browser);
        await alice.InAClaimedChatWithAsync(First);
        var (site, driver) = (alice.Site, alice.Driver);
        // The claim came back to the page: the focus is where she will type.
        Assert.Equal("reply-body", Js(driver).ExecuteScript("return document.activeElement.id;"));

        driver.FindElement(By.Id("reply-body")).SendKeys("Hi, it's Alice from the line.");
        driver.FindElement(By.Id("reply-body")).SendKeys(Keys.Tab);
        new OpenQA.Selenium.Interactions.Actions(driver).SendKeys(Keys.Tab).SendKeys(Keys.Tab).Perform();
        Assert.Equal("send-reply", Js(driver).ExecuteScript("return document.activeElement.id;"));
        // The page before the post, marked: what is waited for is the page the post comes back to, loaded.
        Js(driver).ExecuteScript("window.beforeTheReply = true;");
        new OpenQA.Selenium.Interactions.Actions(driver).SendKeys(Keys.Enter).Perform();

        // Not a longer wait for the notice: the CI run where it did not come within 10 s had lost it (a live refresh
        // crossing the post deleted its cookie, mended in 4c230bf), and no wait would have brought it.
        driver.WaitFor(d => Js(d).ExecuteScript("return window.beforeTheReply === undefined && document.readyState === 'complete';") is true,
            what: "the page the reply's post comes back to");
        var done = driver.FindElements(By.CssSelector(".done")).FirstOrDefault(e => e.Text == $"Sent to {site.Factory.PseudonymOf(First)}.");
        Assert.True(done is not null, "The page came back without \"Sent to ...\".");
        Assert.Equal("reply-body", Js(driver).ExecuteScript("return document.activeElement.id;"));
        Assert.Contains(done.GetAttribute("id"), (driver.FindElement(By.Id("reply-body")).GetAttribute("aria-describedby") ?? "").Split(' '));
    }

    [Fact]
    public async Task When_a_colleague_claims_it_first_the_focus_on_the_claim_button_stays_in_the_conversation_and_she_is_told()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var site = ConsoleSite.Start(factory => factory.Staffed(fake));
        await site.AddStaffAsync("alice");
        await site.AddStaffAsync("bob");
        // Bob, on shift on another computer: his shift and his claim go straight to the line's store.
        await site.Factory.Services.GetRequiredService<IShifts>().GoOnAsync("bob");
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");
        GoOnShift(driver, site);
        await site.Factory.CreateTwilioClient(First).TextAsync("TALK");
        driver.Navigate().GoToUrl(site.Url("/Inbox"));
        driver.WaitFor(d =>
        {
            d.FindElement(By.LinkText(site.Factory.PseudonymOf(First))).Click();
            return true;
        }, what: "her conversation opened");
        WaitUntilLive(driver, "conversation-live");
        driver.WaitFor(d => Refreshes(d, "conversation-live") >= 1, what: "the first refresh");
        Js(driver).ExecuteScript("document.getElementById('claim').focus();");
        var id = driver.FindElement(By.Id("conversation-live")).GetAttribute("data-conversation")!;

        Assert.Equal(InboxOutcome.Done, await site.Factory.Services.GetRequiredService<IHandoffInbox>().ClaimAsync(id, "bob"));
        driver.WaitFor(d => d.FindElement(By.Id("claimed-by")).Text == "bob", what: "bob's claim shown");
        driver.WaitFor(d => d.FindElement(By.Id("live-news")).GetAttribute("textContent")!.Contains("Claimed by bob", StringComparison.Ordinal), what: "the announcement");

        Assert.True(Js(driver).ExecuteScript("return document.getElementById('conversation-live').contains(document.activeElement);") is true,
            "the focus fell out of the conversation: " + Js(driver).ExecuteScript("return document.activeElement.tagName;"));
    }

    [Fact]
    public async Task A_reply_being_typed_when_she_texts_stop_leaves_the_focus_on_a_note_that_says_so_and_the_closing_is_announced()
    {
        // Typing when she texted STOP: the box was disabled under the cursor, the focus fell to the top of the page, and
        // a keyboard or screen-reader user was told nothing of why.
        await using var alice = await AliceOnShift.StartAsync(browser);
        var texter = await alice.InAClaimedChatWithAsync(First);
        var (site, driver) = (alice.Site, alice.Driver);
        driver.FindElement(By.Id("reply-body")).SendKeys("Are you safe to text right now?");

        await texter.TextAsync("STOP");

        driver.WaitFor(d => d.FindElement(By.Id("reply-needs-claim")).Text == "This conversation is closed. Your reply was not sent.", what: "the note");
        Assert.Equal("reply-needs-claim", Js(driver).ExecuteScript("return document.activeElement.id;"));
        driver.WaitFor(d => d.FindElement(By.Id("live-news")).GetAttribute("textContent")!.Contains(
            "This conversation closed. " + HandoffService.TexterOptedOut, StringComparison.Ordinal), what: "the closing announced");
        Assert.Equal("Are you safe to text right now?", driver.FindElement(By.Id("reply-body")).GetAttribute("value"));
        // Kept where she can select and copy it (a disabled box could be neither focused nor selected), and unsendable.
        Assert.Equal("Are you safe to text right now?", Js(driver).ExecuteScript(
            "const body = document.getElementById('reply-body'); body.focus(); body.select();" +
            "return document.activeElement === body && body.readOnly ? body.value.substring(body.selectionStart, body.selectionEnd) : null;"));
        Assert.False(driver.FindElement(By.Id("send-reply")).Enabled);
        Assert.False(driver.FindElement(By.Id("insert-referral")).Enabled);
    }

    [Fact]
    public async Task A_reply_being_typed_when_she_texts_forget_leaves_the_focus_on_a_note_that_says_so_and_the_deletion_is_announced()
    {
        // Found live: FORGET mid-chat turned the page into "no longer there" with the box shut under the cursor, an empty
        // note, and nothing said to a screen reader, where STOP says why.
        await using var alice = await AliceOnShift.StartAsync(browser);
        var texter = await alice.InAClaimedChatWithAsync(First);
        var (site, driver) = (alice.Site, alice.Driver);
        driver.FindElement(By.Id("reply-body")).SendKeys("Are you safe to text right now?");

        await texter.TextAsync("FORGET");

        driver.WaitFor(d => d.FindElement(By.Id("reply-needs-claim")).Text == "This conversation was deleted. Your reply was not sent.", what: "the note");
        Assert.Equal("reply-needs-claim", Js(driver).ExecuteScript("return document.activeElement.id;"));
        driver.WaitFor(d => d.FindElement(By.Id("live-news")).GetAttribute("textContent") == "This conversation was deleted.", what: "the deletion announced");
        Assert.Equal("Are you safe to text right now?", driver.FindElement(By.Id("reply-body")).GetAttribute("value"));
        Assert.False(driver.FindElement(By.Id("send-reply")).Enabled);
    }

    [Fact]
    public async Task Texters_who_wait_show_in_the_tab_title_and_under_others_waiting_while_she_answers_another()
    {
        // A volunteer answering one texter did not see another arrive, or send DANGER, until she went back to the
        // inbox; and an inbox in a background tab looked the same with three texters waiting as with none.
        await using var alice = await AliceOnShift.StartAsync(browser);
        var (site, driver) = (alice.Site, alice.Driver);
        WaitUntilLive(driver, "inbox-live");
        Assert.Equal("Inbox - Westmont Text Line console", driver.Title);

        await site.Factory.CreateTwilioClient(First).TextAsync("TALK");
        driver.WaitFor(d => d.Title == "(1 waiting) Inbox - Westmont Text Line console", what: "the tab's count, without a reload");

        var first = site.Factory.PseudonymOf(First);
        OpenAndClaim(driver, site, first);
        // On her own page the tab counts the others only: she is on the screen.
        Assert.Equal($"{first} - Westmont Text Line console", driver.Title);
        driver.FindElement(By.Id("reply-body")).SendKeys("Hi, it's Alice from the line.");
        driver.FindElement(By.Id("send-reply")).Click();
        driver.WaitFor(d => d.FindElements(By.CssSelector(".done")).FirstOrDefault()?.Text == $"Sent to {first}.", what: "the reply sent");
        WaitUntilLive(driver, "conversation-live");
        // The live part is redrawn on each inbox event (her reply's among them): read it once it holds still.
        driver.WaitFor(d => d.FindElement(By.CssSelector("#others-waiting p")).Text == "No one else is waiting.", what: "no one else waiting");

        var second = site.Factory.CreateTwilioClient(Second);
        await second.TextAsync("TALK");
        var name = site.Factory.PseudonymOf(Second);
        driver.WaitFor(d => d.FindElements(By.CssSelector("#others-waiting li")).FirstOrDefault()?.Text.StartsWith(name, StringComparison.Ordinal) == true,
            what: "the second texter under Others waiting");
        driver.WaitFor(d => d.Title == $"(1 waiting) {first} - Westmont Text Line console", what: "the tab's count on her page");
        driver.WaitFor(d => d.FindElement(By.Id("live-news")).GetAttribute("textContent")!.Contains($"Also waiting: {name}.", StringComparison.Ordinal),
            what: "the announcement");

        await second.TextAsync("DANGER");
        driver.WaitFor(d => d.Title == $"(1 urgent, 1 waiting) {first} - Westmont Text Line console", what: "urgent in the tab's title");
        driver.WaitFor(d => d.FindElement(By.CssSelector("#others-waiting li")).GetAttribute("data-urgent") == "true", what: "urgent under Others waiting");
        driver.WaitFor(d => d.FindElement(By.Id("live-news")).GetAttribute("textContent")!.Contains($"{name} is urgent.", StringComparison.Ordinal),
            what: "the urgent announcement");
        Assert.DoesNotContain(Second[2..], driver.Title + driver.PageSource);

        driver.FindElement(By.LinkText(name)).Click();
        // On her page, the tab counts the others: the first texter has her answer, so no one else waits.
        driver.WaitFor(d => d.Title == $"{name} - Westmont Text Line console", what: "her page");
        // The live part is redrawn on each inbox event (her reply's among them): read it once it holds still.
        driver.WaitFor(d => d.FindElement(By.CssSelector("#others-waiting p")).Text == "No one else is waiting.", what: "no one else waiting");
    }

    // Typing a reply with a screen reader: the live count ("1 segment, GSM-7: 42 of 160 characters") was read out at
    // every pause, and a lock-screen warning, set again with the same words at each measure, was read again after
    // every word she typed.
    [Fact]
    public async Task Typing_a_reply_announces_a_lock_screen_warning_once_and_not_the_count_at_every_pause()
    {
        await using var alice = await AliceOnShift.StartAsync(browser);
        await alice.InAClaimedChatWithAsync(First);
        var (site, driver) = (alice.Site, alice.Driver);
        Assert.Null(driver.FindElement(By.Id("reply-meter")).GetAttribute("aria-live"));
        Assert.Contains("reply-meter", driver.FindElement(By.Id("reply-body")).GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal("polite", driver.FindElement(By.Id("reply-lockscreen")).GetAttribute("aria-live"));

        var body = driver.FindElement(By.Id("reply-body"));
        body.SendKeys("The police station");
        driver.WaitFor(d => d.FindElement(By.Id("reply-lockscreen")).Text.Length > 0, what: "the lock-screen warning");
        // From here, count every change a screen reader would hear in the warning.
        Js(driver).ExecuteScript("""
            window.__warningChanges = 0;
            new MutationObserver(() => window.__warningChanges++).observe(document.getElementById('reply-lockscreen'), { childList: true, characterData: true, subtree: true });
            """);
        foreach (var word in new[] { " on Ogden", " is open", " until six" })
        {
            var measured = driver.FindElement(By.Id("reply-form")).GetAttribute("data-measured");
            body.SendKeys(word);
            driver.WaitFor(d => d.FindElement(By.Id("reply-form")).GetAttribute("data-measured") != measured, what: $"\"{word}\" measured");
        }
        Assert.Equal("The police station on Ogden is open until six", body.GetAttribute("value"));
        Assert.Equal(0L, Js(driver).ExecuteScript("return window.__warningChanges;"));
    }

    private static IJavaScriptExecutor Js(IWebDriver driver) => (IJavaScriptExecutor)driver;
}
