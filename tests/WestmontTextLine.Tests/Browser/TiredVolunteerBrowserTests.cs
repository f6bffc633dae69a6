using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The console's forms as a tired volunteer or admin uses them at 3 AM: Enter pressed twice, a question answered.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TiredVolunteerBrowserTests(BrowserFixture browser)
{
    // Enter pressed twice in the add form sent it twice: the first added bob, the second came back with "Username
    // 'bob' is already taken", the page she saw, so she believed bob was not added.
    [Fact]
    public async Task Enter_pressed_twice_in_a_form_sends_it_once()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("ana", StaffRoles.Admin);
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "ana");
        driver.Navigate().GoToUrl(site.Url("/Admin/Staff"));

        ConsoleSite.Fill(driver, "NewName", "bob");
        ConsoleSite.Fill(driver, "NewPassword", "violet harbour tin 88");
        new Actions(driver).SendKeys(Keys.Enter).Pause(TimeSpan.FromMilliseconds(120)).SendKeys(Keys.Enter).Perform();

        var outcome = driver.WaitFor(d => d.Focused() is { } focused && focused.GetAttribute("data-outcome") is not null ? focused.Text : null, what: "the outcome");
        Assert.StartsWith("Added bob", outcome, StringComparison.Ordinal);
        var audit = await site.Factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        Assert.Single(audit, entry => entry.Action == AuditActions.StaffAdded && entry.Target.StartsWith("bob", StringComparison.Ordinal));
    }

    // Remove asks first; its question's button is the only one that removes, and Keep goes back with no change.
    [Fact]
    public async Task Remove_asks_with_the_focus_on_the_question_and_keep_goes_back_with_no_change()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("ana", StaffRoles.Admin);
        await site.AddStaffAsync("bob");
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "ana");
        driver.Navigate().GoToUrl(site.Url("/Admin/Staff"));

        driver.FindElement(By.Id("remove-bob")).Click();
        driver.WaitFor(d => d.Focused().GetAttribute("id") == "staff-question-text", what: "the focus on the question");
        Assert.StartsWith("Remove bob?", driver.Title, StringComparison.Ordinal);
        Assert.Contains("cannot be undone", driver.Focused().Text, StringComparison.Ordinal);
        driver.AssertAccessible();
        new Actions(driver).SendKeys(Keys.Tab).Perform();
        Assert.Equal("staff-question-confirm", driver.Focused().GetAttribute("id"));

        driver.FindElement(By.Id("staff-question-keep")).Click();
        driver.WaitFor(d => d.FindElements(By.Id("remove-bob")).Count == 1, what: "the accounts again");
        driver.FindElement(By.Id("remove-bob")).Click();
        driver.WaitFor(d => d.FindElements(By.Id("staff-question-confirm")).FirstOrDefault(), what: "the question again").Click();
        driver.WaitFor(d => d.Focused().Text == "Removed bob.", what: "the focus on the removal");
        Assert.Empty(driver.FindElements(By.Id("remove-bob")));
    }

    // Make admin asks too (a change of role signs bob out and takes him off shift); Keep leaves him staff.
    [Fact]
    public async Task Make_admin_asks_with_the_focus_on_the_question_and_keep_leaves_the_role()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("ana", StaffRoles.Admin);
        await site.AddStaffAsync("bob");
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "ana");
        driver.Navigate().GoToUrl(site.Url("/Admin/Staff"));

        driver.FindElement(By.Id("role-bob")).Click();
        driver.WaitFor(d => d.Focused().GetAttribute("id") == "staff-question-text", what: "the focus on the question");
        Assert.StartsWith("Make bob an administrator?", driver.Title, StringComparison.Ordinal);
        driver.AssertAccessible();
        driver.FindElement(By.Id("staff-question-keep")).Click();
        driver.WaitFor(d => d.FindElements(By.Id("role-bob")).Count == 1, what: "the accounts again");
        Assert.Equal("Make admin, for bob", driver.FindElement(By.Id("role-bob")).GetAttribute("textContent"));

        driver.FindElement(By.Id("role-bob")).Click();
        driver.WaitFor(d => d.FindElements(By.Id("staff-question-confirm")).FirstOrDefault(), what: "the question again").Click();
        driver.WaitFor(d => d.Focused().Text == "bob is now admin.", what: "the focus on the change");
        Assert.Equal("Make staff, for bob", driver.FindElement(By.Id("role-bob")).GetAttribute("textContent"));
    }

    // Set password asks too, and its question holds the field: the focus on what it does (her second factor and
    // passkeys go), Tab to the field, then the button. A password the rules refuse is said first, where the focus goes.
    [Fact]
    public async Task Set_password_asks_with_the_focus_on_the_question_then_the_field()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("ana", StaffRoles.Admin);
        await site.AddStaffAsync("bob");
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "ana");
        driver.Navigate().GoToUrl(site.Url("/Admin/Staff"));

        driver.FindElement(By.Id("set-password-bob")).Click();
        driver.WaitFor(d => d.Focused().GetAttribute("id") == "staff-question-text", what: "the focus on the question");
        Assert.StartsWith("Set a new password for bob?", driver.Title, StringComparison.Ordinal);
        Assert.Contains("passkeys stop working", driver.Focused().Text, StringComparison.Ordinal);
        driver.AssertAccessible();
        new Actions(driver).SendKeys(Keys.Tab).Perform();
        Assert.Equal("password-bob", driver.Focused().GetAttribute("id"));

        new Actions(driver).SendKeys("westmont text line").SendKeys(Keys.Enter).Perform();
        driver.WaitFor(d => d.Focused().Text.StartsWith("That did not work: Set password for bob", StringComparison.Ordinal), what: "the focus on why it did not work");
        driver.AssertAccessible();

        ConsoleSite.Fill(driver, "password-bob", "copper meadow violin 17");
        driver.FindElement(By.Id("staff-question-confirm")).Click();
        driver.WaitFor(d => d.Focused().Text.StartsWith("bob has a new password", StringComparison.Ordinal), what: "the focus on the new password");
    }
}
