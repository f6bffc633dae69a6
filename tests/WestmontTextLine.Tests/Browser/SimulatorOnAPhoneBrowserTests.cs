using OpenQA.Selenium;
using OpenQA.Selenium.Chromium;

namespace WestmontTextLine.Tests.Browser;

/// <summary>The simulator on a phone-sized screen (390 x 844), worked with the keyboard alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SimulatorOnAPhoneBrowserTests(BrowserFixture browser)
{
    // Found live at 390 x 844: each reply scrolled the whole page to it, which pushed the box she types in below the
    // screen; she typed her next text into a field she could not see.
    [Fact]
    public async Task After_each_reply_the_box_she_types_in_is_still_on_the_screen_and_the_reply_is_in_view_in_the_phone()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice");
        var driver = browser.Fresh();
        site.EnrolInBrowser(driver, "alice");
        var chromium = (ChromiumDriver)driver;
        chromium.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = 390, ["height"] = 844, ["deviceScaleFactor"] = 1, ["mobile"] = true,
        });
        try
        {
            driver.Navigate().GoToUrl(site.Url("/Simulator"));
            driver.FindElement(By.Id("body")).SendKeys("HI" + Keys.Enter);
            foreach (var (text, replies) in new[] { ("3", 2), ("1", 3) })
            {
                driver.WaitFor(d => d.FindElements(By.CssSelector("#messages li.received")).Count == replies - 1, what: $"reply {replies - 1}");
                new OpenQA.Selenium.Interactions.Actions(driver).SendKeys(text + Keys.Enter).Perform();
                driver.WaitFor(d => d.FindElements(By.CssSelector("#messages li.received")).Count == replies, what: $"reply {replies}");
                Assert.Equal("body", Js(driver).ExecuteScript("return document.activeElement.id;"));
                var where = (string)Js(driver).ExecuteScript("""
                    const box = document.getElementById('body').getBoundingClientRect();
                    const list = document.getElementById('messages').getBoundingClientRect();
                    const replies = document.querySelectorAll('#messages li');
                    const last = replies[replies.length - 1].getBoundingClientRect();
                    return [box.top >= 0 && box.bottom <= window.innerHeight, last.bottom <= list.bottom + 1, box.top, box.bottom, window.innerHeight].join(' ');
                    """)!;
                Assert.StartsWith("true true", where);
            }
        }
        finally
        {
            chromium.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", []);
        }
    }

    private static IJavaScriptExecutor Js(IWebDriver driver) => (IJavaScriptExecutor)driver;
}
