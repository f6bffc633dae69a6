using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The chain every console test stands on: Debian's Chromium started through chromedriver with nothing downloaded,
/// pages on loopback (the line's own process, and a tiny local site), axe-core for accessibility, and screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserChainTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_line_started_as_operators_run_it_answers_headless_chromium()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-browser-{Guid.NewGuid():N}.db");
        try
        {
            await using var line = await LineProcess.StartAsync(database);
            var driver = browser.Fresh();

            driver.Navigate().GoToUrl(line.BaseUrl + "/healthz");

            var body = driver.WaitFor(d => d.FindElement(By.TagName("body")).Text is { Length: > 0 } text ? text : null, what: "the health answer");
            Assert.StartsWith("Healthy", body);
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    [Fact]
    public async Task A_local_page_opens_with_its_title_and_its_screenshot_is_a_png_of_the_window()
    {
        await using var site = await LocalSite.StartAsync(new Dictionary<string, LocalPage> { ["/"] = LocalPage.Html(TestPages.Accessible) });
        var driver = browser.Fresh();
        var folder = Directory.CreateTempSubdirectory("westmont-screenshots-").FullName;
        try
        {
            driver.Navigate().GoToUrl(site.Url("/"));

            Assert.Equal(TestPages.AccessibleTitle, driver.Title);
            var (width, height) = Png.Size(driver.Screenshot(Path.Combine(folder, "page.png")));
            Assert.Equal(ChromeSession.WindowWidth, width);
            Assert.InRange(height, ChromeSession.WindowHeight / 2, ChromeSession.WindowHeight);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_documentation_screenshot_is_written_only_when_asked_for()
    {
        await using var site = await LocalSite.StartAsync(new Dictionary<string, LocalPage> { ["/"] = LocalPage.Html(TestPages.Accessible) });
        var driver = browser.Fresh();
        driver.Navigate().GoToUrl(site.Url("/"));
        var folder = Directory.CreateTempSubdirectory("westmont-docs-").FullName;
        try
        {
            Assert.Null(driver.SaveDocumentationScreenshot("browser-check", update: false, folder));
            Assert.Empty(Directory.GetFiles(folder));

            var path = driver.SaveDocumentationScreenshot("browser-check", update: true, folder);

            Assert.Equal(Path.Combine(folder, "browser-check.png"), path);
            Assert.Equal(ChromeSession.WindowWidth, Png.Size(path!).Width);
            Assert.Throws<ArgumentException>(() => driver.SaveDocumentationScreenshot("../escape", update: true, folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_missing_browser_fails_with_the_package_to_install()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => ChromeSession.RequireInstalled("/nonexistent/chromium", "chromium"));

        Assert.Contains("/nonexistent/chromium is missing", failure.Message);
        Assert.Contains("apt-get install chromium chromium-driver", failure.Message);
    }

    [Fact]
    public void Without_the_driver_path_Selenium_Manager_fails_instead_of_downloading()
    {
        ChromeSession.SeleniumManagerOff();
        var options = new ChromeOptions { BinaryLocation = ChromeSession.ChromiumPath };
        options.AddArgument("--headless");

        var failure = Assert.ThrowsAny<Exception>(() => new ChromeDriver(options).Dispose());

        Assert.Contains(ChromeSession.SeleniumManagerPath, Flatten(failure));
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + "\n" + Flatten(e.InnerException);

    [Fact]
    public async Task Axe_finds_the_image_without_alt_text_and_the_field_without_a_label()
    {
        await using var site = await LocalSite.StartAsync(new Dictionary<string, LocalPage> { ["/"] = LocalPage.Html(TestPages.Inaccessible) });
        var driver = browser.Fresh();
        driver.Navigate().GoToUrl(site.Url("/"));

        var violations = driver.AxeViolations();

        Assert.Contains(violations, v => v.Id == "image-alt" && v.Targets.SequenceEqual(["#no-alt"]));
        Assert.Contains(violations, v => v.Id == "label" && v.Targets.SequenceEqual(["#no-label"]));
        Assert.All(violations, v => Assert.Contains(v.Impact, new[] { "serious", "critical" }));
    }

    [Fact]
    public async Task Axe_finds_nothing_serious_on_an_accessible_page()
    {
        await using var site = await LocalSite.StartAsync(new Dictionary<string, LocalPage> { ["/"] = LocalPage.Html(TestPages.Accessible) });
        var driver = browser.Fresh();
        driver.Navigate().GoToUrl(site.Url("/"));

        var violations = driver.AllAxeViolations();

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
