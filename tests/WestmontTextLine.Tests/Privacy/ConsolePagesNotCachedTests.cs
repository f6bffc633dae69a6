using System.Net;
using WestmontTextLine.Tests.Console;
using WestmontTextLine.Tests.Console.Inbox;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Privacy;

/// <summary>
/// A console page that shows a chat (her words, staff replies) must not stay in a shared computer's cache: every page,
/// its live part, a page for a chat that is gone, and a redirect answer no-store.
/// </summary>
public sealed class ConsolePagesNotCachedTests
{
    [Fact]
    public async Task Every_inbox_answer_says_no_store()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(Support.TestNumbers.Next()));

        foreach (var path in new[] { "/Inbox", "/Inbox?handler=List", $"/Inbox/{id}", "/Inbox/0000000000000000000a", "/Audit", "/SignIn" })
        {
            using var response = await alice.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"{path}: {response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path} ({response.StatusCode}) is not no-store");
        }
    }
}
