using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Tests.Console;
using WestmontTextLine.Tests.Console.Accounts;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The whole line on a real Kestrel port on loopback, for the browser: its console, and its /sms taking signed texts
/// (signed for http://localhost, the URL Twilio:RequestValidation:BaseUrl names). The factory's fake clock runs the
/// line, so a test computes the authenticator code the line expects.
/// </summary>
public sealed class ConsoleSite : IDisposable
{
    private ConsoleSite(TextLineFactory factory, string baseUrl)
    {
        Factory = factory;
        BaseUrl = baseUrl;
    }

    public TextLineFactory Factory { get; }
    public string BaseUrl { get; }

    /// <param name="configure">Settings of the line for one test (a provider, staffed hours), before it starts.</param>
    /// <param name="services">Service changes for one test (a store that can be taken down), applied last.</param>
    public static ConsoleSite Start(Action<TextLineFactory>? configure = null, Action<IServiceCollection>? services = null) =>
        Start(onLocalhost: false, configure, services);

    /// <summary>
    /// The site at http://localhost:PORT instead of http://127.0.0.1:PORT, for passkeys: WebAuthn needs a domain as
    /// its relying party id (an IP address is refused), and localhost is one the browser trusts without TLS.
    /// </summary>
    public static ConsoleSite StartOnLocalhost() => Start(onLocalhost: true, configure: null, services: null);

    private static ConsoleSite Start(bool onLocalhost, Action<TextLineFactory>? configure, Action<IServiceCollection>? services)
    {
        var factory = new TextLineFactory { BackgroundWorkers = false, TestServices = services };
        configure?.Invoke(factory);
        factory.Settings["Twilio:RequestValidation:BaseUrl"] = TextLineFactory.BaseAddress;
        factory.UseKestrel(0);
        factory.StartServer();
        var address = new UriBuilder(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        if (onLocalhost) address.Host = "localhost";
        return new ConsoleSite(factory, address.Uri.GetLeftPart(UriPartial.Authority));
    }

    public string Url(string path) => BaseUrl + ConsoleClient.Root + path;

    public Task AddStaffAsync(string name, string role = StaffRoles.Staff) => Factory.AddStaffAsync(name, role);

    /// <summary>A first sign-in in the browser: name and password, the secret read off the enrolment page, its code.</summary>
    public string EnrolInBrowser(IWebDriver driver, string name, string password = ConsoleAccounts.Password)
    {
        var secret = OpenEnrolmentInBrowser(driver, name, password);
        Assert.NotNull(driver.FindElement(By.CssSelector(".qr svg")));
        Fill(driver, "Code", TotpCodes.At(secret, Factory.Clock.GetUtcNow()));
        driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        driver.WaitFor(d => d.FindElements(By.CssSelector("#recovery-codes li")).Count == 10, what: "ten recovery codes");
        return secret;
    }

    /// <summary>The password alone, which opens only the enrolment page (its QR code, its secret); returns the secret.</summary>
    public string OpenEnrolmentInBrowser(IWebDriver driver, string name, string password = ConsoleAccounts.Password)
    {
        driver.Navigate().GoToUrl(Url("/"));
        driver.WaitFor(d => d.Url.Contains("/console/SignIn", StringComparison.Ordinal), what: "the sign-in page");
        SubmitPassword(driver, name, password);
        return driver.WaitFor(d => d.FindElement(By.Id("secret")).Text is { Length: > 0 } text ? text : null, what: "the enrolment secret");
    }

    /// <summary>A later sign-in in the browser: password, then the code of a new 30-second step.</summary>
    public void SignInInBrowser(IWebDriver driver, string name, string secret, string password = ConsoleAccounts.Password)
    {
        driver.Navigate().GoToUrl(Url("/SignIn"));
        SubmitPassword(driver, name, password);
        driver.WaitFor(d => d.Url.Contains("/console/SignInCode", StringComparison.Ordinal), what: "the code page");
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        Fill(driver, "Code", TotpCodes.At(secret, Factory.Clock.GetUtcNow()));
        driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        driver.WaitFor(d => d.FindElements(By.CssSelector("form.signout")).Count == 1, what: "a signed-in page");
    }

    public static void SignOutInBrowser(IWebDriver driver)
    {
        driver.FindElement(By.CssSelector("form.signout button")).Click();
        driver.WaitFor(d => d.Url.Contains("/console/SignIn", StringComparison.Ordinal), what: "the sign-in page after sign-out");
    }

    public static void Fill(IWebDriver driver, string id, string text)
    {
        var field = driver.FindElement(By.Id(id));
        field.Clear();
        field.SendKeys(text);
    }

    private static void SubmitPassword(IWebDriver driver, string name, string password)
    {
        Fill(driver, "UserName", name);
        Fill(driver, "Password", password);
        driver.FindElement(By.CssSelector("form.signin button[type=submit]")).Click();
    }

    public void Dispose() => Factory.Dispose();
}
