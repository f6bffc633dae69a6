using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The console in headless Chromium, as staff use it: sign-in with an authenticator code, the simulator, the usage
/// charts, the menu diagram, content health and the staff page. Each page is checked with axe-core (no serious or
/// critical violation), and the tests with the documentation trait refresh the README's screenshots on demand.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Browser.DocumentationScreenshotsCategory)]
public sealed class ConsoleBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_enrols_an_authenticator_signs_out_and_signs_in_again_with_its_code()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice", StaffRoles.Admin);
        var driver = browser.Fresh();

        driver.Navigate().GoToUrl(site.Url("/Usage"));
        driver.WaitFor(d => d.Url.Contains("/console/SignIn", StringComparison.Ordinal), what: "the sign-in page");
        AssertAccessible(driver);
        driver.SaveDocumentationScreenshot("sign-in");

        var secret = site.EnrolInBrowser(driver, "alice");
        AssertAccessible(driver);
        ConsoleSite.SignOutInBrowser(driver);

        site.SignInInBrowser(driver, "alice", secret);
        Assert.Contains("Signed in as alice", driver.FindElement(By.CssSelector("form.signout")).Text);
        AssertAccessible(driver);

        // Back to a page after signing out: the sign-in page, not the page.
        ConsoleSite.SignOutInBrowser(driver);
        driver.Navigate().GoToUrl(site.Url("/Simulator"));
        driver.WaitFor(d => d.Url.Contains("/console/SignIn", StringComparison.Ordinal), what: "sign-in after sign-out");
    }

    [Fact]
    public async Task The_simulator_runs_a_conversation_with_the_menu_a_topic_word_and_an_emergency_word_and_stores_nothing()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice");
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");
        driver.Navigate().GoToUrl(site.Url("/Simulator"));

        var menu = Send(driver, "HI", 1);
        Assert.Contains("Main menu", menu);
        Assert.Contains("segment(s), GSM-7", Meter(driver, 1));
        Assert.Equal(menu[..40], driver.FindElement(By.Id("lockscreen")).Text);

        Assert.Contains("The law and your rights", Send(driver, "1", 2));
        Assert.Contains("at law", Meter(driver, 2));
        Assert.Contains("test", Send(driver, "testing", 3), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("at health_testing", Meter(driver, 3));
        Assert.Contains("911", Send(driver, "DANGER", 4));

        driver.FindElement(By.Id("advance-clock")).Click();
        driver.WaitFor(d => d.FindElement(By.Id("clock-offset")).Text == "31", what: "the clock moved 31 minutes");
        AssertAccessible(driver);
        driver.SaveDocumentationScreenshot("simulator");

        driver.FindElement(By.Id("new-texter")).Click();
        driver.WaitFor(d => d.FindElements(By.CssSelector("#messages li")).Count == 0, what: "an empty phone");

        // The language word switches the simulated texter to Spanish.
        driver.FindElements(By.CssSelector(".send-word")).First(b => b.Text.StartsWith("es", StringComparison.Ordinal)).Click();
        var spanish = driver.WaitFor(d => d.FindElements(By.CssSelector("#messages li.received .text")).FirstOrDefault()?.Text, what: "the Spanish reply");
        Assert.Contains("Menu principal", spanish);

        var counts = await site.Factory.Services.GetRequiredService<IUsageCounter>()
            .ReadAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-60), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60), default);
        Assert.Empty(counts);
    }

    [Fact]
    public async Task The_usage_page_charts_signed_texts_by_day_node_and_keyword_with_no_number_on_it()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice");
        string[] numbers = ["+16305550171", "+16305550172"];
        foreach (var number in numbers)
        {
            var texter = site.Factory.CreateTwilioClient(number);
            foreach (var body in new[] { "HI", "1", "HELP" }) Assert.NotNull(await texter.TextAsync(body));
        }
        // Counts are written off the reply path, a batch a second: the page shows what is stored.
        var counter = site.Factory.Services.GetRequiredService<IUsageCounter>();
        var today = DateOnly.FromDateTime(site.Factory.Clock.GetUtcNow().UtcDateTime);
        await Eventually.TrueAsync(async () => (await counter.ReadAsync(today.AddDays(-1), today.AddDays(1), default))
            .Where(c => c.Metric == UsageMetrics.Texts).Sum(c => c.Count) == 6,
            "the six texts counted");
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");
        driver.Navigate().GoToUrl(site.Url("/Usage"));

        var week = driver.FindElement(By.Id("window-7")).Text;
        Assert.Contains("6 texts, 2 new conversations", week);
        var charts = driver.FindElements(By.CssSelector("svg.chart"));
        Assert.True(charts.Count >= 10, $"{charts.Count} charts");
        var descriptions = driver.FindElements(By.CssSelector("svg.chart desc")).Select(d => d.GetAttribute("textContent")).ToList();
        Assert.Contains(descriptions, d => d!.Contains("Thu Nov 26: 6 (2 new)", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d!.Contains("law (The law and your rights): 2", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d!.Contains("HELP: 2", StringComparison.Ordinal));
        Assert.Contains(driver.FindElements(By.CssSelector("svg.chart rect.chart-bar")), bar => int.Parse(bar.GetAttribute("width")!) > 100);
        // Each chart's numbers as a table, on demand: text that wraps and takes a reader's own spacing.
        var firstTable = driver.FindElement(By.CssSelector("#window-7 ~ details.chart-table"));
        firstTable.FindElement(By.TagName("summary")).Click();
        var dayRow = driver.WaitFor(d => firstTable.FindElements(By.CssSelector("tbody tr")).FirstOrDefault(row => row.Displayed && row.Text.Contains("Thu Nov 26", StringComparison.Ordinal)),
            what: "the day's row in the opened table");
        Assert.Contains("6 (2 new)", dayRow.Text);
        Assert.Equal(charts.Count, driver.FindElements(By.CssSelector("details.chart-table")).Count);
        foreach (var number in numbers) Assert.DoesNotContain(number[2..], driver.PageSource);
        AssertAccessible(driver);
        driver.SaveDocumentationScreenshot("usage");
    }

    [Fact]
    public async Task The_menu_is_drawn_as_svg_by_the_lines_own_mermaid_and_a_node_shows_its_reply_in_both_languages()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice");
        var flow = site.Factory.Services.GetRequiredService<Flow>();
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");
        driver.Navigate().GoToUrl(site.Url("/Menu"));

        var law = driver.WaitFor(d => d.FindElements(By.CssSelector("#graph svg g[data-node='law']")).FirstOrDefault(), what: "the drawn law node");
        Assert.Equal(flow.Default.Nodes.Count, driver.FindElements(By.CssSelector("#graph svg g[data-node]")).Count);
        law.Click();
        driver.WaitFor(d => d.FindElement(By.Id("reply")).Text == flow.Default.Nodes["law"].Reply, what: "the law node's reply");
        AssertAccessible(driver);
        driver.SaveDocumentationScreenshot("menu");

        driver.FindElement(By.LinkText("Español")).Click();
        var spanishLaw = driver.WaitFor(d => d.FindElements(By.CssSelector("#graph svg g[data-node='law']")).FirstOrDefault(), what: "the Spanish diagram");
        spanishLaw.Click();
        driver.WaitFor(d => d.FindElement(By.Id("reply")).Text == flow.Language("es").Nodes["law"].Reply, what: "the Spanish reply");
    }

    [Fact]
    public async Task Content_health_shows_the_checks_the_reading_level_and_the_referrals_to_verify()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice");
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");
        driver.Navigate().GoToUrl(site.Url("/Content"));

        Assert.Contains("0 error(s)", driver.FindElement(By.CssSelector("main")).Text);
        Assert.Contains("Reading level", driver.FindElement(By.CssSelector("main")).Text);
        var toVerify = site.Factory.Services.GetRequiredService<Flow>().Referrals.Values.Count(r => r.VerifyBeforeLaunch);
        Assert.True(toVerify > 0);
        Assert.Equal(toVerify, driver.FindElements(By.CssSelector("table.checklist tbody tr")).Count);
        AssertAccessible(driver);
        driver.SaveDocumentationScreenshot("content");
    }

    [Fact]
    public async Task An_admin_adds_a_staff_account_who_enrols_and_cannot_open_admin_pages()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice", StaffRoles.Admin);
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");

        driver.Navigate().GoToUrl(site.Url("/Admin/Staff"));
        ConsoleSite.Fill(driver, "NewName", "bob");
        ConsoleSite.Fill(driver, "NewPassword", "violet harbour tin 88");
        driver.FindElement(By.CssSelector($"#NewRole option[value='{StaffRoles.Staff}']")).Click();
        driver.FindElement(By.CssSelector("form.add-account button[type=submit]")).Click();
        driver.WaitFor(d => d.FindElements(By.CssSelector(".done")).FirstOrDefault()?.Text.Contains("Added bob") == true, what: "the account added");
        Assert.Contains(driver.FindElements(By.CssSelector("table.accounts tbody th")), cell => cell.Text == "bob");
        AssertAccessible(driver);
        driver.SaveDocumentationScreenshot("staff");

        driver.Navigate().GoToUrl(site.Url("/Admin/Audit"));
        Assert.Contains(driver.FindElements(By.CssSelector("table.audit tbody tr")), row => row.Text.Contains("alice staff.added bob (staff)", StringComparison.Ordinal));
        AssertAccessible(driver);

        ConsoleSite.SignOutInBrowser(driver);
        site.EnrolInBrowser(driver, "bob", "violet harbour tin 88");
        Assert.Empty(driver.FindElements(By.LinkText("Staff")));
        driver.Navigate().GoToUrl(site.Url("/Admin/Staff"));
        driver.WaitFor(d => d.Url.Contains("/console/Denied", StringComparison.Ordinal), what: "the refusal");
        AssertAccessible(driver);
    }

    [Fact]
    public async Task A_form_on_another_site_cannot_post_to_the_console_of_a_signed_in_admin()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice", StaffRoles.Admin);
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");
        var target = site.Url("/Admin/Staff?handler=Add");
        await using var attacker = await LocalSite.StartAsync(new Dictionary<string, LocalPage>
        {
            ["/"] = LocalPage.Html($"""
                <!DOCTYPE html><html lang="en"><head><title>Win a prize</title></head><body>
                <form method="post" action="{target}"><input name="NewName" value="mallory"><input name="NewRole" value="admin">
                <input name="NewPassword" value="mallory password 123"><button id="go" type="submit">Claim</button></form></body></html>
                """),
        });

        driver.Navigate().GoToUrl(attacker.Url("/"));
        driver.FindElement(By.Id("go")).Click();
        driver.WaitFor(d => d.Url.StartsWith(site.BaseUrl, StringComparison.Ordinal), what: "the post to the console");

        using var scope = site.Factory.Services.CreateScope();
        var accounts = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync();
        Assert.DoesNotContain(accounts, account => account.UserName == "mallory");
    }

    private static string Send(IWebDriver driver, string text, int expectedReplies)
    {
        ConsoleSite.Fill(driver, "body", text);
        driver.FindElement(By.CssSelector("#send button[type=submit]")).Click();
        return driver.WaitFor(d => d.FindElements(By.CssSelector("#messages li.received .text")) is { } replies && replies.Count == expectedReplies
            ? replies[^1].Text : null, what: $"reply {expectedReplies} (to \"{text}\")");
    }

    private static string Meter(IWebDriver driver, int reply) =>
        driver.FindElements(By.CssSelector("#messages li.received .meter"))[reply - 1].Text;

    private static void AssertAccessible(IWebDriver driver)
    {
        var violations = driver.AxeViolations();
        Assert.True(violations.Count == 0, $"{driver.Url}: " + string.Join("; ", violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Targets)}")));
    }
}
