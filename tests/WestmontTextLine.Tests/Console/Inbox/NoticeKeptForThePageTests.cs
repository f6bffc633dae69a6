using System.Net;
using System.Text.RegularExpressions;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>
/// What an action says it did ("Sent to ...") is shown on the page it comes back to, whatever the page's script fetched
/// in between: the reply's own inbox event refreshes the live part before the browser loads the page the post redirects
/// to, an inbox open in another tab refreshes its list and shift panel, and a reply being typed is measured. Found in
/// CI: staff pressed Send reply and the page came back saying nothing, the live refresh having read the notice first;
/// and again, the live refresh having gone out before the post's answer and come back after it.
/// </summary>
public sealed partial class NoticeKeptForThePageTests
{
    private const string Reply = "Hi, it's Alice from the line.";

    [Fact]
    public async Task A_sent_reply_is_said_on_the_page_it_comes_back_to_after_the_live_part_and_another_tab_refresh()
    {
        await using var chat = await AliceInAClaimedChat.StartAsync();
        await chat.SendReplyAsync();

        await chat.FetchEveryScriptPartAsync(chat.Alice);

        Assert.Equal($"Sent to {chat.Pseudonym}.", DoneNotice(await chat.Alice.GetPageAsync(chat.Path)));
        // Said once: the page it was left for took it.
        Assert.Null(DoneNotice(await chat.Alice.GetPageAsync(chat.Path)));
    }

    // InboxLiveAccessBrowserTests, once in CI: no "Sent to ..." after Send reply. The reply's inbox event refreshed the
    // live part while the post was still being answered; that refresh went out without the notice cookie, came back after
    // the post's answer, and its answer deleted the cookie before the browser loaded the page.
    [Fact]
    public async Task A_sent_reply_is_said_when_the_parts_asked_for_before_the_post_answered_come_back_after_it()
    {
        await using var chat = await AliceInAClaimedChat.StartAsync();
        // The browser as the refreshes went out: before the post's answer set the notice cookie.
        using var askedBefore = chat.Alice.CopyCookies();
        await chat.SendReplyAsync();

        await chat.FetchEveryScriptPartAsync(askedBefore, answered: () => chat.Alice.TakeCookiesSetBy(askedBefore));

        Assert.Equal($"Sent to {chat.Pseudonym}.", DoneNotice(await chat.Alice.GetPageAsync(chat.Path)));
    }

    [Fact]
    public async Task A_sent_reply_is_said_once_when_the_parts_asked_for_with_the_notice_come_back_after_the_page_took_it()
    {
        await using var chat = await AliceInAClaimedChat.StartAsync();
        await chat.SendReplyAsync();
        using var askedWithTheNotice = chat.Alice.CopyCookies();
        Assert.Equal($"Sent to {chat.Pseudonym}.", DoneNotice(await chat.Alice.GetPageAsync(chat.Path)));

        await chat.FetchEveryScriptPartAsync(askedWithTheNotice, answered: () => chat.Alice.TakeCookiesSetBy(askedWithTheNotice));

        Assert.Null(DoneNotice(await chat.Alice.GetPageAsync(chat.Path)));
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

    /// <summary>A staffed line with alice on shift, in a chat she claimed, its page read (its token and reply id).</summary>
    private sealed class AliceInAClaimedChat(FakeTwilioApi fake, TextLineFactory factory, ConsoleClient alice, string id, string pseudonym, string page)
        : IAsyncDisposable
    {
        public ConsoleClient Alice => alice;
        public string Path => $"/Inbox/{id}";
        public string Pseudonym => pseudonym;
        private string Token => ConsoleClient.AntiforgeryTokenIn(page);

        public static async Task<AliceInAClaimedChat> StartAsync()
        {
            var fake = await ProviderTextLine.StartFakeAsync();
            var factory = new TextLineFactory().Staffed(fake);
            var alice = await factory.SignedInAsync("alice");
            await alice.GoOnShiftAsync();
            var number = TestNumbers.Next();
            var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(number));
            using (await alice.PostFormAsync($"/Inbox/{id}", [], handler: "Claim")) { }
            return new(fake, factory, alice, id, factory.PseudonymOf(number), await alice.GetPageAsync($"/Inbox/{id}"));
        }

        public async Task SendReplyAsync()
        {
            using var sent = await alice.PostWithoutTokenAsync(Path,
                [new("Body", Reply), new("ReplyId", ConsoleClient.ReplyIdIn(page)), new("__RequestVerificationToken", Token)], "Reply");
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        /// <summary>
        /// What the pages' scripts fetch, by <paramref name="asker"/>: this chat's live part, the inbox's list and shift
        /// panel (another tab), a reply being measured; <paramref name="answered"/> after each answer.
        /// </summary>
        public async Task FetchEveryScriptPartAsync(ConsoleClient asker, Action? answered = null)
        {
            foreach (var (part, shows) in new[] { ($"{Path}?handler=Live", "Hi, it&#x27;s Alice"), ("/Inbox?handler=List", id), ("/Inbox?handler=Shift", "shift") })
            {
                Assert.Contains(shows, await asker.GetPageAsync(part), StringComparison.OrdinalIgnoreCase);
                answered?.Invoke();
            }
            using (var measured = await asker.PostWithoutTokenAsync(Path, [new("Body", "And"), new("__RequestVerificationToken", Token)], "Meter"))
            {
                Assert.Equal(HttpStatusCode.OK, measured.StatusCode);
            }
            answered?.Invoke();
        }

        public async ValueTask DisposeAsync()
        {
            alice.Dispose();
            factory.Dispose();
            await fake.DisposeAsync();
        }
    }
}
