using OpenQA.Selenium;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// One Chromium for all the tests of a class (IClassFixture): starting it costs about a second of a 2-core machine's
/// time, so a class starts it once. The class must also be in <see cref="BrowserCollection"/>.
/// </summary>
public sealed class BrowserFixture : IDisposable
{
    private readonly ChromeSession _session = ChromeSession.Start();

    public IWebDriver Driver => _session.Driver;

    public string DriverLog => _session.DriverLog;

    /// <summary>Forgets the last test's cookies and page, so that one test's sign-in does not leak into the next.</summary>
    public IWebDriver Fresh()
    {
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
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
