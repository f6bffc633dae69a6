using System.Text.Json;
using OpenQA.Selenium;

namespace WestmontTextLine.Tests.Browser;

public static partial class Browser
{
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "axe.min.js");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing: the test project's build copies it from node_modules/axe-core (package.json).");
        return File.ReadAllText(path);
    });

    // The page's own scripts never see axe unless a test injects it. Only the parts a test asserts on come back.
    private const string RunAxe = """
        const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] })
          .then(result => done(JSON.stringify(result.violations.map(v => ({
            id: v.id, impact: v.impact || '', help: v.help,
            targets: v.nodes.map(n => n.target.join(' ')) })))))
          .catch(error => done(JSON.stringify({ error: String(error) })));
        """;

    /// <summary>
    /// Runs axe-core on the page as it is now and returns its serious and critical violations (the ones that stop
    /// someone using the page with a screen reader or a keyboard), for a test to assert there are none.
    /// </summary>
    public static IReadOnlyList<AxeViolation> AxeViolations(this IWebDriver driver) =>
        AllAxeViolations(driver).Where(v => v.Impact is "serious" or "critical").ToList();

    /// <summary>Fails with each serious or critical violation axe-core finds on the page as it is now.</summary>
    public static void AssertAccessible(this IWebDriver driver)
    {
        var violations = driver.AxeViolations();
        Assert.True(violations.Count == 0, $"{driver.Url}: " + string.Join("; ", violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Targets)}")));
    }

    /// <summary>The element that has the focus now: what a screen reader reads, where a keyboard goes on from.</summary>
    public static IWebElement Focused(this IWebDriver driver) => driver.SwitchTo().ActiveElement();

    /// <summary>Every violation axe-core reports, minor and moderate ones too.</summary>
    public static IReadOnlyList<AxeViolation> AllAxeViolations(this IWebDriver driver)
    {
        var js = (IJavaScriptExecutor)driver;
        js.ExecuteScript(AxeSource.Value);
        var json = js.ExecuteAsyncScript(RunAxe) as string ?? throw new InvalidOperationException("axe.run returned nothing");
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            throw new InvalidOperationException($"axe.run failed on {driver.Url}: {document.RootElement.GetProperty("error").GetString()}");
        }
        return document.RootElement.EnumerateArray().Select(v => new AxeViolation(
            v.GetProperty("id").GetString()!,
            v.GetProperty("impact").GetString()!,
            v.GetProperty("help").GetString()!,
            v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList())).ToList();
    }
}
