using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using WestmontTextLine.Tests.Console.Inbox;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Web;
using static WestmontTextLine.Tests.Browser.InboxInBrowser;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// Where most inbox browser tests begin, told as it happens: a staffed line (its texts go to a fake Twilio), alice
/// enrolled in the browser and on shift; then a texter asks for a person, and alice opens and claims her conversation.
/// <code>
/// await using var alice = await AliceOnShift.StartAsync(browser);
/// var texter = await alice.InAClaimedChatWithAsync(Texter);
/// </code>
/// </summary>
public sealed class AliceOnShift : IAsyncDisposable
{
    private AliceOnShift(FakeTwilioApi fake, ConsoleSite site, IWebDriver driver)
    {
        Fake = fake;
        Site = site;
        Driver = driver;
    }

    /// <summary>Her authenticator's secret, to sign in again (in another tab) as she would with her app's code.</summary>
    public string Secret { get; private set; } = "";

    /// <summary>The provider the line texts through: what went to a texter is asked of it.</summary>
    public FakeTwilioApi Fake { get; }

    public ConsoleSite Site { get; }

    /// <summary>Alice's browser, on the inbox, on shift.</summary>
    public IWebDriver Driver { get; }

    /// <param name="services">Service changes for one test (the console made unreachable, a store to take down).</param>
    public static async Task<AliceOnShift> StartAsync(BrowserFixture browser, Action<IServiceCollection>? services = null)
    {
        var fake = await ProviderTextLine.StartFakeAsync();
        var alice = new AliceOnShift(fake, ConsoleSite.Start(factory => factory.Staffed(fake), services), browser.Fresh());
        try
        {
            await alice.Site.AddStaffAsync("alice");
            alice.Secret = alice.Site.EnrolInBrowser(alice.Driver, "alice");
            GoOnShift(alice.Driver, alice.Site);
            return alice;
        }
        catch
        {
            await alice.DisposeAsync();
            throw;
        }
    }

    /// <summary>A texter texts TALK: her conversation opens in the inbox.</summary>
    public async Task<TwilioClient> TexterAsksForAPersonAsync(string number)
    {
        var texter = Site.Factory.CreateTwilioClient(number);
        await texter.TextAsync("TALK");
        return texter;
    }

    /// <summary>A texter texts TALK, and alice opens her conversation and claims it, its reply box open.</summary>
    public async Task<TwilioClient> InAClaimedChatWithAsync(string number)
    {
        var texter = await TexterAsksForAPersonAsync(number);
        OpenAndClaim(Driver, Site, PseudonymOf(number));
        return texter;
    }

    /// <summary>"Texter 3F2A": how the console names this number.</summary>
    public string PseudonymOf(string number) => Site.Factory.PseudonymOf(number);

    public async ValueTask DisposeAsync()
    {
        Site.Dispose();
        await Fake.DisposeAsync();
    }
}
