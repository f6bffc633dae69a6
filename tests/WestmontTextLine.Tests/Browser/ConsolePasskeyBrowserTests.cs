using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Tests.Console;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// Passkeys in headless Chromium with a virtual authenticator (DevTools' WebAuthn domain): the console's own script
/// makes one with the browser's WebAuthn API, and signs in with it alone. The site runs on localhost, since a passkey
/// needs a domain.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Browser.DocumentationScreenshotsCategory)]
public sealed class ConsolePasskeyBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_staff_member_adds_a_passkey_signs_out_and_signs_in_with_the_passkey_alone()
    {
        using var site = ConsoleSite.StartOnLocalhost();
        await site.AddStaffAsync("alice");
        var driver = browser.Fresh();
        using var authenticator = VirtualAuthenticator.Add(driver);
        site.EnrolInBrowser(driver, "alice");

        driver.FindElement(By.LinkText("Passkeys")).Click();
        driver.WaitFor(d => d.FindElements(By.Id("no-passkeys")).Count == 1, what: "the passkeys page, with none yet");
        AddPasskey(driver, "work laptop");
        var added = driver.WaitFor(d => d.FindElements(By.CssSelector(".done")).FirstOrDefault()?.Text, what: "the passkey added");
        Assert.Contains("Added the passkey \"work laptop\"", added);
        Assert.Equal("work laptop", Assert.Single(driver.FindElements(By.CssSelector("table.passkeys tbody th"))).Text);
        Assert.Equal("localhost", Assert.Single(authenticator.CredentialRelyingParties()));
        AssertAccessible(driver);
        driver.SaveDocumentationScreenshot("passkeys");

        ConsoleSite.SignOutInBrowser(driver);
        AssertAccessible(driver);
        SignInWithPasskey(driver);
        driver.WaitFor(d => d.FindElements(By.CssSelector("form.signout")).Count == 1, what: "signed in by the passkey");
        Assert.Contains("Signed in as alice", driver.FindElement(By.CssSelector("form.signout")).Text);
        // Fully signed in: a page that needs both factors opens.
        driver.Navigate().GoToUrl(site.Url("/Usage"));
        Assert.EndsWith("/console/Usage", driver.Url, StringComparison.Ordinal);
        Assert.Equal("Usage", driver.FindElement(By.CssSelector("main h1")).Text);

        var audit = await site.Factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        Assert.Contains(audit, entry => entry is { Actor: "alice", Action: ConsoleAuditActions.PasskeyAdded } && entry.Target.StartsWith("\"work laptop\" (", StringComparison.Ordinal));
        Assert.Contains(audit, entry => entry is { Actor: "alice", Action: ConsoleAuditActions.SignedInWithPasskey });
    }

    [Fact]
    public async Task A_removed_passkey_no_longer_signs_in_though_the_device_still_offers_it()
    {
        using var site = ConsoleSite.StartOnLocalhost();
        await site.AddStaffAsync("alice");
        var driver = browser.Fresh();
        using var authenticator = VirtualAuthenticator.Add(driver);
        site.EnrolInBrowser(driver, "alice");
        driver.Navigate().GoToUrl(site.Url("/Passkeys"));
        AddPasskey(driver, "phone");
        driver.WaitFor(d => d.FindElements(By.CssSelector("table.passkeys tbody tr")).Count == 1, what: "the passkey listed");

        driver.FindElement(By.CssSelector("table.passkeys button.danger")).Click();
        var removed = driver.WaitFor(d => d.FindElements(By.CssSelector(".done")).FirstOrDefault()?.Text is { } done && done.StartsWith("Removed", StringComparison.Ordinal)
            ? done : null, what: "the passkey removed");
        Assert.Contains("Removed the passkey \"phone\"", removed);
        Assert.Single(driver.FindElements(By.Id("no-passkeys")));
        Assert.Single(authenticator.CredentialRelyingParties());

        ConsoleSite.SignOutInBrowser(driver);
        SignInWithPasskey(driver);
        var problem = driver.WaitFor(d => d.FindElements(By.CssSelector("p.error")).FirstOrDefault()?.Text, what: "the refusal");
        Assert.Contains("did not sign you in", problem);
        Assert.Empty(driver.FindElements(By.CssSelector("form.signout")));
        AssertAccessible(driver);

        var audit = await site.Factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        Assert.Contains(audit, entry => entry is { Actor: "alice", Action: ConsoleAuditActions.PasskeyRemoved } && entry.Target.StartsWith("\"phone\" (", StringComparison.Ordinal));
        Assert.Contains(audit, entry => entry.Action == ConsoleAuditActions.PasskeyFailed);
        Assert.DoesNotContain(audit, entry => entry.Action == ConsoleAuditActions.SignedInWithPasskey);
    }

    // A wrong password is refused before the browser's prompt, by the script: the refusal showed in the status line,
    // tied to no field, and the focus, on the button the script turned off, fell to the top of the page.
    [Fact]
    public async Task A_wrong_password_refused_before_the_prompt_is_tied_to_the_password_field_which_gets_the_focus()
    {
        using var site = ConsoleSite.StartOnLocalhost();
        await site.AddStaffAsync("alice");
        var driver = browser.Fresh();
        using var authenticator = VirtualAuthenticator.Add(driver);
        site.EnrolInBrowser(driver, "alice");
        driver.Navigate().GoToUrl(site.Url("/Passkeys"));

        AddPasskey(driver, "phone", password: "not my password at all");
        var password = driver.WaitFor(d => d.Focused() is { } focused && focused.GetAttribute("id") == "passkey-password" ? focused : null,
            what: "the focus on the password field");
        Assert.Equal("true", password.GetAttribute("aria-invalid"));
        var status = driver.FindElement(By.Id(password.GetAttribute("aria-describedby")!));
        Assert.StartsWith("That is not your password", status.Text, StringComparison.Ordinal);
        Assert.Null(driver.FindElement(By.Id("passkey-name")).GetAttribute("aria-invalid"));
        AssertAccessible(driver);
        Assert.Empty(authenticator.CredentialRelyingParties());
    }

    private static void AddPasskey(IWebDriver driver, string name, string password = ConsoleAccounts.Password)
    {
        ConsoleSite.Fill(driver, "passkey-name", name);
        ConsoleSite.Fill(driver, "passkey-password", password);
        var add = driver.WaitFor(d => d.FindElement(By.CssSelector("#passkey-add button[type=submit]")) is { Enabled: true } button ? button : null,
            what: "the add button, enabled by the script");
        add.Click();
    }

    private static void SignInWithPasskey(IWebDriver driver)
    {
        var button = driver.WaitFor(d => d.FindElement(By.CssSelector("#passkey-signin button[type=submit]")) is { Enabled: true } enabled ? enabled : null,
            what: "the passkey button, enabled by the script");
        button.Click();
    }

    private static void AssertAccessible(IWebDriver driver)
    {
        var violations = driver.AxeViolations();
        Assert.True(violations.Count == 0, $"{driver.Url}: " + string.Join("; ", violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Targets)}")));
    }
}
