using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// Headless Debian Chromium driven by Debian's chromedriver, with a fresh profile that is deleted afterwards.
/// Nothing is downloaded: both paths are given, so Selenium Manager is never asked, and it could not download if
/// it were. A missing browser fails the test that needs it, with the reason (never a skip).
/// </summary>
public sealed class ChromeSession : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromedriverPath = "/usr/bin/chromedriver";
    public const string SeleniumManagerPath = "/nonexistent/selenium-manager-is-off-in-these-tests";
    public const int WindowWidth = 1280;
    public const int WindowHeight = 900;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly ChromeDriverService _service;
    private readonly string _profile;
    private readonly string _driverLog;

    private ChromeSession(ChromeDriver driver, ChromeDriverService service, string profile, string driverLog)
    {
        Driver = driver;
        _service = service;
        _profile = profile;
        _driverLog = driverLog;
    }

    public IWebDriver Driver { get; }

    /// <summary>chromedriver's own log, for a failure message when the browser misbehaves.</summary>
    public string DriverLog => ReadLog(_driverLog);

    public static ChromeSession Start()
    {
        RequireInstalled(ChromiumPath, "chromium");
        RequireInstalled(ChromedriverPath, "chromium-driver");
        SeleniumManagerOff();

        var profile = Directory.CreateTempSubdirectory("westmont-chromium-").FullName;
        var driverLog = profile + ".chromedriver.log";
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromedriverPath)!, Path.GetFileName(ChromedriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        service.LogPath = driverLog;

        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless",
            // Root in a container has no user namespace for Chromium's sandbox.
            "--no-sandbox",
            "--disable-gpu",
            // This machine's network is closed: without these Chromium keeps calling Google's hosts and being refused.
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            $"--user-data-dir={profile}",
            $"--window-size={WindowWidth},{WindowHeight}");

        try
        {
            var driver = new ChromeDriver(service, options, CommandTimeout);
            // Waits are explicit (Browser.WaitFor): an implicit wait would hide how long a page really takes.
            driver.Manage().Timeouts().ImplicitWait = TimeSpan.Zero;
            driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(30);
            return new ChromeSession(driver, service, profile, driverLog);
        }
        catch (Exception e)
        {
            var log = ReadLog(driverLog);
            service.Dispose();
            DeleteQuietly(profile);
            DeleteQuietly(driverLog);
            throw new InvalidOperationException($"Chromium did not start through {ChromedriverPath}: {e.Message}\n{log}", e);
        }
    }

    public void Dispose()
    {
        try
        {
            Driver.Quit();
        }
        finally
        {
            Driver.Dispose();
            _service.Dispose();
            DeleteQuietly(_profile);
            DeleteQuietly(_driverLog);
        }
    }

    internal static void RequireInstalled(string path, string debianPackage)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} is missing: the browser tests need Debian's {debianPackage} package " +
                "(apt-get install chromium chromium-driver; .ci/run installs both).");
        }
    }

    /// <summary>
    /// The paths above already keep Selenium Manager out. If a later change lost them, the manager must fail loudly
    /// instead of downloading a browser: offline, and pointed at a binary that does not exist.
    /// </summary>
    internal static void SeleniumManagerOff()
    {
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        Environment.SetEnvironmentVariable("SE_MANAGER_PATH", SeleniumManagerPath);
    }

    private static string ReadLog(string path) => File.Exists(path) ? File.ReadAllText(path) : "(no chromedriver log)";

    private static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; a temp folder left behind is harmless.
        }
    }
}
