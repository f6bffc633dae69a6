using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The focus must be seen (WCAG 2.4.7), and seen well enough: measured as WCAG 2.4.13 measures it, pixels at least a
/// 2 px thick perimeter of the element that change by a contrast of 3:1 or more between unfocused and focused. Taken
/// from screenshots in headless Chromium, pixel by pixel: what the eye gets, whatever the style sheet says. The menu
/// diagram's boxes had only Chromium's own ring (and only when reached by keyboard), which came out just short of the
/// measure; the console's amber ring (#f0b400) on its white page was 1.9:1, and changed no pixel by 3:1.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MenuFocusBrowserTests(BrowserFixture browser)
{
    private const int Margin = 8;

    [Fact]
    public async Task A_box_of_the_menu_diagram_and_the_list_under_it_show_a_focus_ring_of_enough_contrast()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice");
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");
        driver.Navigate().GoToUrl(site.Url("/Menu"));
        var boxes = driver.WaitFor(d => d.FindElements(By.CssSelector("#graph svg g[data-node]")) is { Count: > 1 } found ? found : null, what: "the drawn menu");
        var script = (IJavaScriptExecutor)driver;

        // From the first box to the second with the Tab key, as a keyboard user goes.
        script.ExecuteScript("arguments[0].scrollIntoView({block: 'center'}); arguments[1].focus({preventScroll: true});", boxes[1], boxes[0]);
        new Actions(driver).SendKeys(Keys.Tab).Perform();
        Assert.Equal(boxes[1].GetAttribute("data-node"), driver.Focused().GetAttribute("data-node"));
        AssertVisibleRing(driver, boxes[1], "a box of the diagram");

        var list = driver.FindElement(By.Id("node"));
        script.ExecuteScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", list);
        AssertVisibleRing(driver, list, "the list of nodes");
        driver.AssertAccessible();
    }

    /// <summary>Compares the element focused (as it is now) with the same view unfocused.</summary>
    private static void AssertVisibleRing(IWebDriver driver, IWebElement element, string what)
    {
        var script = (IJavaScriptExecutor)driver;
        var focused = Png.Decode(((ITakesScreenshot)driver).GetScreenshot().AsByteArray);
        script.ExecuteScript("document.activeElement.blur();");
        var unfocused = Png.Decode(((ITakesScreenshot)driver).GetScreenshot().AsByteArray);

        var box = (IReadOnlyDictionary<string, object>)script.ExecuteScript(
            "const r = arguments[0].getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height, ratio: window.devicePixelRatio };", element)!;
        double Number(string key) => Convert.ToDouble(box[key], System.Globalization.CultureInfo.InvariantCulture);
        var ratio = Number("ratio");
        var (left, top) = ((int)Math.Floor((Number("x") - Margin) * ratio), (int)Math.Floor((Number("y") - Margin) * ratio));
        var (right, bottom) = ((int)Math.Ceiling((Number("x") + Number("w") + Margin) * ratio), (int)Math.Ceiling((Number("y") + Number("h") + Margin) * ratio));
        var changed = 0;
        for (var y = Math.Max(0, top); y < Math.Min(focused.Height, bottom); y++)
            for (var x = Math.Max(0, left); x < Math.Min(focused.Width, right); x++)
                if (Pixels.Contrast(unfocused.At(x, y), focused.At(x, y)) >= 3) changed++;

        var needed = 2 * 2 * (Number("w") + Number("h")) * ratio * ratio;
        Assert.True(changed >= needed, $"{what}, focused, changed {changed} pixels by 3:1 or more; a 2 px ring around it is {needed:0}");
    }
}
