using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chromium;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The usage charts read on a phone (390 x 844) as at a desk (1280 x 900): each chart's labels and counts are drawn at
/// 12 px or more on the screen, none runs into another or off its chart, each chart shows once, and the page does
/// not scroll sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UsageOnAPhoneBrowserTests(BrowserFixture browser)
{
    private const double SmallestReadable = 12;

    // Found live at 390 x 844: the charts, drawn 640 wide and shrunk to the screen, showed their labels and counts
    // at under 7 px, too small to read without zooming into each one.
    [Theory]
    [InlineData(390, 844, true)]
    [InlineData(1280, 900, false)]
    public async Task The_usage_charts_labels_and_counts_are_readable_and_apart_on_a_phone_and_at_a_desk(int width, int height, bool mobile)
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice");
        foreach (var number in new[] { "+16305550174", "+16305550175" })
        {
            var texter = site.Factory.CreateTwilioClient(number);
            foreach (var body in new[] { "HI", "1", "HELP" }) Assert.NotNull(await texter.TextAsync(body));
        }
        var counter = site.Factory.Services.GetRequiredService<IUsageCounter>();
        var today = DateOnly.FromDateTime(site.Factory.Clock.GetUtcNow().UtcDateTime);
        await Eventually.TrueAsync(async () => (await counter.ReadAsync(today.AddDays(-1), today.AddDays(1), default))
            .Where(c => c.Metric == UsageMetrics.Texts).Sum(c => c.Count) == 6,
            "the six texts counted");
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");
        var chromium = (ChromiumDriver)driver;
        chromium.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = mobile,
        });
        try
        {
            driver.Navigate().GoToUrl(site.Url("/Usage"));
            var found = (string)((IJavaScriptExecutor)driver).ExecuteScript(Measure, SmallestReadable)!;
            Assert.True(found.Length == 0, $"at {width} x {height}:\n{found}");
        }
        finally
        {
            chromium.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", []);
        }
    }

    // Every chart shown (one per "Show the numbers"), each of its words at least the smallest readable size on the
    // screen and inside the chart, no two of its words and bars overlapping, and no sideways scroll.
    private const string Measure = """
        const smallest = arguments[0];
        const problems = [];
        const shown = [...document.querySelectorAll('main svg')].filter(svg => svg.getBoundingClientRect().width > 0);
        const tables = document.querySelectorAll('details.chart-table').length;
        if (shown.length !== tables) problems.push(shown.length + ' charts shown for ' + tables + ' tables of numbers');
        for (const svg of shown) {
          const name = svg.querySelector('title').textContent;
          const box = svg.getBoundingClientRect();
          const scale = box.width / svg.viewBox.baseVal.width;
          const parts = [...svg.querySelectorAll('text, rect')].map(part => ({ part, at: part.getBoundingClientRect() }))
            .filter(p => p.at.width > 0);
          for (const { part, at } of parts) {
            if (part.tagName === 'text') {
              const size = parseFloat(getComputedStyle(part).fontSize) * scale;
              if (size < smallest) problems.push(name + ': "' + part.textContent + '" drawn at ' + size.toFixed(1) + ' px');
            }
            if (at.left < box.left - 2 || at.right > box.right + 2) problems.push(name + ': "' + part.textContent + '" runs off the chart');
          }
          for (let i = 0; i < parts.length; i++) for (let j = i + 1; j < parts.length; j++) {
            const a = parts[i].at, b = parts[j].at;
            if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
              problems.push(name + ': "' + parts[i].part.textContent + '" and "' + parts[j].part.textContent + '" overlap');
          }
        }
        if (document.scrollingElement.scrollWidth > window.innerWidth) problems.push('the page scrolls sideways');
        return problems.slice(0, 20).join('\n');
        """;
}
