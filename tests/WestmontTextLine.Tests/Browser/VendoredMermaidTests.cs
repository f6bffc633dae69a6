using System.Text.Json;
using OpenQA.Selenium;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The menu page's diagram library, installed from the npm registry by the app's build into its wwwroot (never a
/// CDN: the line must work offline), and proved to draw in Chromium under a policy with no inline script.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VendoredMermaidTests(BrowserFixture browser)
{
    private static readonly string MermaidFile = Path.Combine(RepoPaths.Root, "src", "WestmontTextLine", "wwwroot", "console", "lib", "mermaid.min.js");

    // The strictest policy mermaid draws under: scripts only from the line itself (no inline script, no eval). Its
    // SVG carries a <style> element and style attributes, so styles need 'unsafe-inline': with style-src 'self'
    // alone every box is drawn solid black (seen here).
    private const string ConsolePolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

    [Fact]
    public void The_build_puts_mermaid_in_the_apps_web_root_and_its_static_assets()
    {
        Assert.True(File.Exists(MermaidFile), $"{MermaidFile} is missing: the app's build copies it from node_modules (src/WestmontTextLine/package.json)");
        var manifest = Path.Combine(AppContext.BaseDirectory, "WestmontTextLine.staticwebassets.endpoints.json");
        using var endpoints = JsonDocument.Parse(File.ReadAllText(manifest));
        Assert.Contains(endpoints.RootElement.GetProperty("Endpoints").EnumerateArray(), e => e.GetProperty("Route").GetString() == "console/lib/mermaid.min.js");
    }

    [Fact]
    public async Task The_vendored_mermaid_draws_a_menu_as_svg_without_inline_script()
    {
        await using var site = await LocalSite.StartAsync(new Dictionary<string, LocalPage>
        {
            ["/"] = LocalPage.Html(TestPages.Mermaid),
            ["/lib/mermaid.min.js"] = LocalPage.ScriptFile(MermaidFile),
            ["/render.js"] = LocalPage.Script(TestPages.RenderMermaid),
        }, ConsolePolicy);
        var driver = browser.Fresh();

        driver.Navigate().GoToUrl(site.Url("/"));

        var rendered = driver.WaitFor(d => d.FindElement(By.TagName("body")).GetDomAttribute("data-rendered"), TimeSpan.FromSeconds(30), "mermaid.run");
        Assert.Equal("yes", rendered);
        var svg = driver.FindElement(By.CssSelector("#graph svg"));
        Assert.Contains("Get help now", svg.Text);
        Assert.Contains("Talk to someone", svg.Text);
        // A policy violation is reported by an event queued after the fact: let the page's queued tasks run first.
        ((IJavaScriptExecutor)driver).ExecuteAsyncScript("setTimeout(arguments[arguments.length - 1], 100)");
        Assert.Equal("", driver.FindElement(By.TagName("body")).GetDomAttribute("data-violations"));
    }
}
