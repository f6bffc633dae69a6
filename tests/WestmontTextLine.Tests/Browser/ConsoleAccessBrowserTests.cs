using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chromium;
using WestmontTextLine.Records;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Console;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// What axe does not check: a sign-in error tied to the fields it is about (a screen reader reads it on the field),
/// and the usage charts in a high-contrast (forced colours) theme, dark as Windows' own.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleAccessBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_sign_in_or_code_error_is_tied_to_its_fields_and_marks_them_invalid()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice");
        var driver = browser.Fresh();

        // The first sign-in's code, wrong.
        driver.Navigate().GoToUrl(site.Url("/SignIn"));
        ConsoleSite.Fill(driver, "UserName", "alice");
        ConsoleSite.Fill(driver, "Password", ConsoleAccounts.Password);
        driver.FindElement(By.CssSelector("form.signin button[type=submit]")).Click();
        driver.WaitFor(d => d.FindElements(By.Id("secret")).Count == 1, what: "the enrolment page");
        ConsoleSite.Fill(driver, "Code", "000000");
        driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        AssertTiedError(driver, ["Code"], "code is not right");

        // A wrong password.
        browser.Fresh();
        driver.Navigate().GoToUrl(site.Url("/SignIn"));
        Assert.Null(driver.FindElement(By.Id("Password")).GetAttribute("aria-invalid"));
        ConsoleSite.Fill(driver, "UserName", "alice");
        ConsoleSite.Fill(driver, "Password", "not the password at all");
        driver.FindElement(By.CssSelector("form.signin button[type=submit]")).Click();
        AssertTiedError(driver, ["UserName", "Password"], "");
    }

    [Fact]
    public async Task In_a_dark_high_contrast_theme_the_usage_charts_labels_counts_and_bars_take_the_themes_colours()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice");
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");
        var chromium = (ChromiumDriver)driver;
        chromium.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?>
        {
            ["features"] = new[]
            {
                new Dictionary<string, object?> { ["name"] = "forced-colors", ["value"] = "active" },
                new Dictionary<string, object?> { ["name"] = "prefers-color-scheme", ["value"] = "dark" },
            },
        });
        try
        {
            driver.Navigate().GoToUrl(site.Url("/Usage"));
            var colours = (IReadOnlyDictionary<string, object>)((IJavaScriptExecutor)driver).ExecuteScript("""
                const style = s => getComputedStyle(document.querySelector(s));
                return { forced: matchMedia('(forced-colors: active)').matches, text: style('body').color, background: style('body').backgroundColor,
                  label: style('.chart-label').fill, count: style('.chart-count').fill, bar: style('.chart-bar').fill };
                """)!;
            Assert.True(colours["forced"] is true, "forced colours are not on");
            Assert.Equal(colours["text"], colours["label"]);
            Assert.Equal(colours["text"], colours["count"]);
            Assert.NotEqual(colours["background"], colours["bar"]);
            Assert.Equal(colours["text"], colours["bar"]);
        }
        finally
        {
            chromium.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["features"] = Array.Empty<object>() });
        }
    }

    private async Task<IWebDriver> SimulatorShowingTheMenuAsync(ConsoleSite site)
    {
        await site.AddStaffAsync("alice");
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");
        driver.Navigate().GoToUrl(site.Url("/Simulator"));
        SendInSimulator(driver, "HI");
        driver.WaitFor(d => d.FindElements(By.CssSelector("#messages li.received")).Count == 1, what: "the menu");
        return driver;
    }

    private static void SendInSimulator(IWebDriver driver, string text)
    {
        ConsoleSite.Fill(driver, "body", text);
        driver.FindElement(By.CssSelector("#send button[type=submit]")).Click();
    }

    [Fact]
    public async Task A_text_sent_in_the_simulator_after_the_session_ended_goes_back_in_the_box_and_she_is_told()
    {
        using var site = ConsoleSite.Start();
        var driver = await SimulatorShowingTheMenuAsync(site);

        site.Factory.Clock.Advance(WestmontTextLine.Console.ConsoleServices.IdleTimeout + TimeSpan.FromMinutes(1));
        SendInSimulator(driver, "1");

        var told = driver.WaitFor(d => d.FindElement(By.Id("session-ended")).Text is { Length: > 0 } text ? text : null, what: "the session-ended notice");
        Assert.Contains("session has ended", told);
        Assert.Equal("alert", driver.FindElement(By.Id("session-ended")).GetAttribute("role"));
        Assert.Equal("1", driver.FindElement(By.Id("body")).GetAttribute("value"));
        // The phone shows only what was really sent and answered: no "1" left unanswered, no error text as a reply.
        Assert.Equal(["HI"], driver.FindElements(By.CssSelector("#messages li.sent .text")).Select(e => e.Text).ToArray());
        Assert.Empty(driver.FindElements(By.CssSelector("#messages li.silent")));
    }

    // Found live with Redis killed: the simulator said "The console answered 503" under a text it showed as sent.
    [Fact]
    public async Task A_text_the_console_could_not_send_in_the_simulator_goes_back_in_the_box_with_the_reason()
    {
        DownableRecords? records = null;
        using var site = ConsoleSite.Start(services: services => services.AddSingleton<IPrivateRecords>(provider =>
            records = new DownableRecords(new SqlitePrivateRecords(provider.GetRequiredService<SqliteWriter>()))));
        var driver = await SimulatorShowingTheMenuAsync(site);

        // The store goes down; a second later the console checks her account there, as it does on every request.
        records!.Down = true;
        site.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        SendInSimulator(driver, "1");

        var told = driver.WaitFor(d => d.FindElement(By.Id("not-sent")).Text is { Length: > 0 } text ? text : null, what: "the not-sent notice");
        Assert.Contains("cannot reach its store", told);
        Assert.DoesNotContain("answered 503", told);
        Assert.Equal("alert", driver.FindElement(By.Id("not-sent")).GetAttribute("role"));
        Assert.Equal("1", driver.FindElement(By.Id("body")).GetAttribute("value"));
        Assert.Equal(["HI"], driver.FindElements(By.CssSelector("#messages li.sent .text")).Select(e => e.Text).ToArray());
        Assert.Empty(driver.FindElements(By.CssSelector("#messages li.silent")));

        records.Down = false;
        driver.FindElement(By.CssSelector("#send button[type=submit]")).Click();
        driver.WaitFor(d => d.FindElements(By.CssSelector("#messages li.received")).Count == 2, what: "the answer to 1");
        Assert.Equal(["HI", "1"], driver.FindElements(By.CssSelector("#messages li.sent .text")).Select(e => e.Text).ToArray());
        Assert.Equal("", driver.FindElement(By.Id("not-sent")).Text);
    }

    // New texter emptied the phone, and the clock button changed a number, in silence: a screen reader said nothing.
    [Fact]
    public async Task New_texter_and_the_clock_button_say_what_they_did_in_a_status_and_the_focus_stays_on_the_button()
    {
        using var site = ConsoleSite.Start();
        var driver = await SimulatorShowingTheMenuAsync(site);
        var done = driver.FindElement(By.Id("simulator-done"));
        Assert.Equal("status", done.GetAttribute("role"));

        driver.FindElement(By.Id("advance-clock")).Click();
        driver.WaitFor(d => done.Text == "The clock moved on: 31 minutes in all. Her next text comes after the session timeout.", what: "the clock said");
        Assert.Equal("advance-clock", driver.Focused().GetAttribute("id"));

        driver.FindElement(By.Id("new-texter")).Click();
        driver.WaitFor(d => done.Text == "A new texter: the phone is empty, and her first text gets the welcome.", what: "the new texter said");
        Assert.Empty(driver.FindElements(By.CssSelector("#messages li")));
        Assert.Equal("new-texter", driver.Focused().GetAttribute("id"));
        driver.AssertAccessible();
    }

    private static void AssertTiedError(IWebDriver driver, string[] fields, string says)
    {
        var error = driver.WaitFor(d => d.FindElements(By.CssSelector("main .error")).FirstOrDefault(), what: "the error");
        Assert.Contains(says, error.Text, StringComparison.OrdinalIgnoreCase);
        var id = error.GetAttribute("id");
        Assert.False(string.IsNullOrEmpty(id), "the error has no id for a field to point to");
        foreach (var field in fields)
        {
            var input = driver.FindElement(By.Id(field));
            Assert.Contains(id, (input.GetAttribute("aria-describedby") ?? "").Split(' '));
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
        }
    }
}
