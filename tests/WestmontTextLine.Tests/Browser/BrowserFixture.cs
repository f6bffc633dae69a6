using OpenQA.Selenium;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// One Chromium for all the browser tests (a collection fixture of <see cref="BrowserCollection"/>): starting and
/// quitting it costs some 3 s of a loaded 2-core machine's time, so the suite does it once, not once a class. Each
/// test starts from <see cref="Fresh"/>.
/// </summary>
public sealed class BrowserFixture : IDisposable
{
    private readonly ChromeSession _session = ChromeSession.Start();

    public IWebDriver Driver => _session.Driver;

    public string DriverLog => _session.DriverLog;

    /// <summary>Forgets the last test's cookies and page, so that one test's sign-in does not leak into the next.</summary>
    public IWebDriver Fresh()
    {
        // A tab a test opened and, failing, left open would be the next test's.
        var tabs = Driver.WindowHandles;
        foreach (var extra in tabs.Skip(1)) Driver.SwitchTo().Window(extra).Close();
        Driver.SwitchTo().Window(tabs[0]);
        Driver.Navigate().GoToUrl("about:blank");
        // Every site here is on 127.0.0.1, and cookies ignore the port: clear the browser's cookies for every site
        // (DeleteAllCookies clears only the current page's, and about:blank has none).
        ((OpenQA.Selenium.Chromium.ChromiumDriver)Driver).ExecuteCdpCommand("Network.clearBrowserCookies", []);
        return Driver;
    }

    public void Dispose() => _session.Dispose();
}

/// <summary>
/// The browser tests run one class at a time and alone: two Chromiums beside the other tests on 2 cores make page
/// loads slow enough to break waits.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
