using System.Net;
using System.Text.RegularExpressions;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>
/// What an action says it did ("Sent to ...") is shown on the page it comes back to, whatever the page's script fetched
/// in between: the reply's own inbox event refreshes the live part before the browser loads the page the post redirects
/// to, an inbox open in another tab refreshes its list and shift panel, and a reply being typed is measured. Found in
/// CI: staff pressed Send reply and the page came back saying nothing, the live refresh having read the notice first.
/// </summary>
public sealed partial class NoticeKeptForThePageTests
{
    [Fact]
    public async Task A_sent_reply_is_said_on_the_page_it_comes_back_to_after_the_live_part_and_another_tab_refresh()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        var number = TestNumbers.Next();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(number));
        var path = $"/Inbox/{id}";
        using (await alice.PostFormAsync(path, [], handler: "Claim")) { }

        var page = await alice.GetPageAsync(path);
        var token = ConsoleClient.AntiforgeryTokenIn(page);
        using var sent = await alice.PostWithoutTokenAsync(path,
            [new("Body", "Hi, it's Alice from the line."), new("ReplyId", ConsoleClient.ReplyIdIn(page)), new("__RequestVerificationToken", token)], "Reply");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        Assert.Contains("Hi, it&#x27;s Alice from the line.", await alice.GetPageAsync($"{path}?handler=Live"));
        Assert.Contains(id, await alice.GetPageAsync("/Inbox?handler=List"));
        Assert.Contains("shift", await alice.GetPageAsync("/Inbox?handler=Shift"), StringComparison.OrdinalIgnoreCase);
        using (var measured = await alice.PostWithoutTokenAsync(path, [new("Body", "And"), new("__RequestVerificationToken", token)], "Meter"))
        {
            Assert.Equal(HttpStatusCode.OK, measured.StatusCode);
        }

        Assert.Equal($"Sent to {factory.PseudonymOf(number)}.", DoneNotice(await alice.GetPageAsync(path)));
        // Said once: the page it was left for took it.
        Assert.Null(DoneNotice(await alice.GetPageAsync(path)));
    }

    [Fact]
    public async Task A_claim_is_said_on_the_page_it_comes_back_to_after_the_live_part_refreshed()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(TestNumbers.Next()));
        var path = $"/Inbox/{id}";
        using (var claimed = await alice.PostFormAsync(path, [], handler: "Claim"))
        {
            Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        }

        await alice.GetPageAsync($"{path}?handler=Live");
        Assert.Equal("You have this conversation now.", DoneNotice(await alice.GetPageAsync(path)));
    }

    private static string? DoneNotice(string page) =>
        DonePattern().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    [GeneratedRegex("id=\"done-notice\"[^>]*>([^<]*)</p>")]
    private static partial Regex DonePattern();
}
