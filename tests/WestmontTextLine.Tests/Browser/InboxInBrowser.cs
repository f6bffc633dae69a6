using OpenQA.Selenium;

namespace WestmontTextLine.Tests.Browser;

/// <summary>The steps of the inbox that many browser tests take: on shift, a conversation opened and claimed, its live part on.</summary>
public static class InboxInBrowser
{
    public static void GoOnShift(IWebDriver driver, ConsoleSite site)
    {
        driver.Navigate().GoToUrl(site.Url("/Inbox"));
        driver.FindElement(By.Id("shift-button")).Click();
        driver.WaitFor(d => d.FindElement(By.Id("shift-button")).Text == "Go off shift", what: "on shift");
    }

    public static void GoOffShift(IWebDriver driver, ConsoleSite site)
    {
        driver.Navigate().GoToUrl(site.Url("/Inbox"));
        driver.FindElement(By.Id("shift-button")).Click();
        driver.WaitFor(d => d.FindElement(By.Id("shift-button")).Text == "Go on shift", what: "off shift");
    }

    public static void OpenAndClaim(IWebDriver driver, ConsoleSite site, string pseudonym)
    {
        driver.Navigate().GoToUrl(site.Url("/Inbox"));
        driver.WaitFor(d =>
        {
            d.FindElement(By.LinkText(pseudonym)).Click();
            return true;
        }, what: "her conversation opened");
        driver.WaitFor(d =>
        {
            d.FindElement(By.Id("claim")).Click();
            return true;
        }, what: "the claim");
        driver.WaitFor(d => d.FindElement(By.Id("claimed-by")).Text == "you", what: "claimed");
        WaitUntilLive(driver, "conversation-live");
        driver.WaitFor(d => ((IJavaScriptExecutor)d).ExecuteScript("return document.getElementById('reply-body').readOnly;") is false, what: "the reply box open");
    }

    /// <summary>How many times the page's script has fetched its live part <paramref name="id"/> (changed or not).</summary>
    public static int Refreshes(IWebDriver driver, string id) =>
        int.TryParse(driver.FindElement(By.Id(id)).GetAttribute("data-refreshes"), out var count) ? count : 0;

    public static void WaitUntilLive(IWebDriver driver, string id) =>
        driver.WaitFor(d => d.FindElement(By.Id(id)).GetAttribute("data-live") == "on", what: $"{id}'s event stream");

    /// <summary>Types a reply and waits until the page has measured it; then marks the page (<see cref="MarkThePage"/>).</summary>
    public static void TypeReply(IWebDriver driver, string reply)
    {
        driver.FindElement(By.Id("reply-body")).SendKeys(reply);
        driver.WaitFor(d => d.FindElement(By.Id("reply-form")).GetAttribute("data-measured") is not null, what: "the reply measured");
        MarkThePage(driver);
    }

    /// <summary>Marks the page as it is, so that <see cref="NeverLeft"/> tells whether it was left since (a reload, the browser's error page).</summary>
    public static void MarkThePage(IWebDriver driver) => ((IJavaScriptExecutor)driver).ExecuteScript("window.__notReloaded = true;");

    public static bool NeverLeft(IWebDriver driver) => ((IJavaScriptExecutor)driver).ExecuteScript("return window.__notReloaded === true;") is true;
}
