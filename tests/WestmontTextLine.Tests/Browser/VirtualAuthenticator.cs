using OpenQA.Selenium;
using OpenQA.Selenium.Chromium;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// A passkey authenticator inside Chromium, through the DevTools protocol's WebAuthn domain: a platform authenticator
/// (like a laptop's fingerprint reader) that keeps discoverable credentials, verifies its user and consents on its own,
/// so navigator.credentials.create and get answer without a prompt. It belongs to the tab it was added in, and goes
/// when disposed.
/// </summary>
public sealed class VirtualAuthenticator : IDisposable
{
    private readonly ChromiumDriver _driver;

    private VirtualAuthenticator(ChromiumDriver driver, string id)
    {
        _driver = driver;
        Id = id;
    }

    public string Id { get; }

    public static VirtualAuthenticator Add(IWebDriver driver)
    {
        var chromium = (ChromiumDriver)driver;
        chromium.ExecuteCdpCommand("WebAuthn.enable", new Dictionary<string, object?> { ["enableUI"] = false });
        var added = chromium.ExecuteCdpCommand("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object?>
        {
            ["options"] = new Dictionary<string, object?>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        var id = Field(added, "authenticatorId") as string ?? throw new InvalidOperationException($"WebAuthn.addVirtualAuthenticator answered {added}");
        return new VirtualAuthenticator(chromium, id);
    }

    /// <summary>The relying party ids of the credentials the authenticator holds, one per passkey.</summary>
    public IReadOnlyList<string> CredentialRelyingParties()
    {
        var answer = _driver.ExecuteCdpCommand("WebAuthn.getCredentials", new Dictionary<string, object?> { ["authenticatorId"] = Id });
        return Field(answer, "credentials") is IEnumerable<object> credentials
            ? [.. credentials.Select(credential => Field(credential, "rpId") as string ?? "")]
            : [];
    }

    public void Dispose()
    {
        try
        {
            _driver.ExecuteCdpCommand("WebAuthn.removeVirtualAuthenticator", new Dictionary<string, object?> { ["authenticatorId"] = Id });
            _driver.ExecuteCdpCommand("WebAuthn.disable", []);
        }
        catch (WebDriverException)
        {
            // The browser is gone already: so is the authenticator.
        }
    }

    private static object? Field(object? answer, string name) =>
        answer is IDictionary<string, object> fields && fields.TryGetValue(name, out var value) ? value : null;
}
