using OpenQA.Selenium;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Pages;
using static WestmontTextLine.Tests.Browser.InboxInBrowser;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// After a button posts and the page comes back, the focus is on what happened ("Added bob", "You went on shift",
/// "Closed", or why it did not work), so a screen reader reads it at once: a status already on a page as it loads is
/// not announced, and the focus started at the top of the page, so she heard the page's name and had to hunt for the
/// outcome, or did not know there was one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OutcomeFocusBrowserTests(BrowserFixture browser)
{
    private const string Texter = "+16305550187";

    [Fact]
    public async Task On_the_staff_page_the_focus_goes_to_the_account_added_and_to_why_a_change_did_not_work()
    {
        using var site = ConsoleSite.Start();
        var driver = await SignedInAsync(site, "ana", StaffRoles.Admin);

        driver.Navigate().GoToUrl(site.Url("/Admin/Staff"));
        AddAccount(driver, "bob");
        var done = driver.WaitFor(d => d.Focused() is { } focused && focused.Text.StartsWith("Added bob", StringComparison.Ordinal) ? focused : null,
            what: "the focus on the account added");
        Assert.Equal("status", done.GetAttribute("role"));
        driver.AssertAccessible();

        AddAccount(driver, "bob");
        driver.WaitFor(d => d.Focused().Text.StartsWith("That did not work", StringComparison.Ordinal), what: "the focus on why it did not work");
        Assert.Equal("alert", driver.Focused().GetAttribute("role"));
        driver.AssertAccessible();
    }

    [Fact]
    public async Task Going_on_and_off_shift_comes_back_with_the_focus_on_what_the_button_did()
    {
        using var site = ConsoleSite.Start();
        var driver = await SignedInAsync(site, "alice");

        GoOnShift(driver, site);
        Assert.Equal("shift-done", driver.Focused().GetAttribute("id"));
        Assert.Equal(ShiftModel.WentOn, driver.Focused().Text);
        driver.AssertAccessible();

        driver.FindElement(By.Id("shift-button")).Click();
        driver.WaitFor(d => d.Focused().Text == ShiftModel.WentOff, what: "the focus on going off shift");
        // Said once: the page again says nothing of a press.
        driver.Navigate().Refresh();
        Assert.Empty(driver.FindElements(By.Id("shift-done")));
    }

    [Fact]
    public async Task Closing_and_deleting_a_conversation_come_back_with_the_focus_on_what_was_done()
    {
        await using var alice = await AliceOnShift.StartAsync(browser);
        await alice.InAClaimedChatWithAsync(Texter);
        var driver = alice.Driver;

        driver.FindElement(By.Id("close")).Click();
        var closed = driver.WaitFor(d => d.Focused().GetAttribute("id") == "done-notice" ? d.Focused() : null, what: "the focus on the close");
        Assert.Contains("Closed", closed.Text, StringComparison.OrdinalIgnoreCase);
        driver.AssertAccessible();

        driver.FindElement(By.Id("confirm-delete")).Click();
        driver.FindElement(By.Id("delete")).Click();
        driver.WaitFor(d => d.Focused().Text.StartsWith("Deleted the conversation", StringComparison.Ordinal), what: "the focus on the deletion, in the inbox");
        driver.AssertAccessible();
    }

    // Go off shift as the last one answers with a question: the focus stayed at the top of the page, and she had to find
    // out why she was not off shift, and where the two buttons were.
    [Fact]
    public async Task Going_off_shift_as_the_last_one_puts_the_focus_on_the_question_then_its_buttons()
    {
        await using var alice = await AliceOnShift.StartAsync(browser);
        await alice.TexterAsksForAPersonAsync(Texter);
        var (site, driver) = (alice.Site, alice.Driver);

        driver.Navigate().GoToUrl(site.Url("/Inbox"));
        driver.FindElement(By.Id("shift-button")).Click();
        driver.WaitFor(d => d.Focused().GetAttribute("id") == "leaving-heading", what: "the focus on the question");
        Assert.Equal("You are the last one on shift", driver.Focused().Text);
        Assert.StartsWith("Go off shift?", driver.Title, StringComparison.Ordinal);
        driver.AssertAccessible();
        // Onwards with the Tab key: the links of its text aside, the first control is the answer.
        new OpenQA.Selenium.Interactions.Actions(driver).SendKeys(Keys.Tab).Perform();
        Assert.Equal("leave-anyway", driver.Focused().GetAttribute("id"));
    }

    /// <summary>A browser signed in (enrolled) as a new account on the site.</summary>
    private async Task<IWebDriver> SignedInAsync(ConsoleSite site, string name, string role = StaffRoles.Staff)
    {
        await site.AddStaffAsync(name, role);
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, name);
        return driver;
    }

    private static void AddAccount(IWebDriver driver, string name)
    {
        ConsoleSite.Fill(driver, "NewName", name);
        ConsoleSite.Fill(driver, "NewPassword", "violet harbour tin 88");
        driver.FindElement(By.CssSelector("form.add-account button[type=submit]")).Click();
    }
}
