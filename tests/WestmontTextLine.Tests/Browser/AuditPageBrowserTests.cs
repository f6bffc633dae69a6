using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// An administrator looks for what a volunteer did before she wrote 600 newer lines: Older entries, then the Who and
/// What filters, in headless Chromium, each view checked with axe-core (`AuditPageTests` checks the same over HTTP).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditPageBrowserTests(BrowserFixture browser)
{
    private const string Deletion = "conversation 5d1c0a9e2b7f4c6d8e3a (open, held by alice)";

    [Fact]
    public async Task An_admin_finds_a_buried_deletion_with_older_entries_and_with_the_filters()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("ana", StaffRoles.Admin);
        var log = site.Factory.Services.GetRequiredService<IAuditLog>();
        var at = site.Factory.Clock.GetUtcNow();
        await log.AppendAsync(new AuditEntry(at, "mallory", ConsoleAuditActions.ConversationDeleted, Deletion));
        for (var line = 0; line < 600; line++)
            await log.AppendAsync(new AuditEntry(at, "mallory", line % 2 == 0 ? ConsoleAuditActions.ShiftOn : ConsoleAuditActions.ShiftOff, ""));
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "ana");

        driver.Navigate().GoToUrl(site.Url("/Admin/Audit"));
        Assert.DoesNotContain(Deletion, Table(driver));
        AssertAccessible(driver);
        driver.FindElement(By.Id("older")).Click();
        driver.WaitFor(d => d.Url.Contains("older=1", StringComparison.Ordinal), what: "the older entries");
        Assert.Contains(Deletion, Table(driver));
        Assert.NotEmpty(driver.FindElements(By.Id("newer")));

        driver.Navigate().GoToUrl(site.Url("/Admin/Audit"));
        driver.FindElement(By.CssSelector("#Who option[value='mallory']")).Click();
        driver.FindElement(By.CssSelector("#What option[value='inbox']")).Click();
        driver.FindElement(By.CssSelector("form.audit-filter button[type=submit]")).Click();
        driver.WaitFor(d => d.Url.Contains("What=inbox", StringComparison.Ordinal), what: "the filtered page");
        var rows = driver.FindElements(By.CssSelector("table.audit tbody tr"));
        Assert.Contains(Deletion, Assert.Single(rows).Text);
        Assert.Equal("mallory", driver.FindElement(By.CssSelector("#Who option:checked")).GetAttribute("value"));
        Assert.Empty(driver.FindElements(By.Id("older")));
        AssertAccessible(driver);
    }

    private static string Table(IWebDriver driver) => driver.FindElement(By.CssSelector("table.audit")).Text;

    private static void AssertAccessible(IWebDriver driver)
    {
        var violations = driver.AxeViolations();
        Assert.True(violations.Count == 0, $"{driver.Url}: " + string.Join("; ", violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Targets)}")));
    }
}
