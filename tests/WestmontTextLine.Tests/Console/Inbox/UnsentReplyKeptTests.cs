using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>
/// A reply refused because the chat closed (or was deleted) a moment before Send keeps its words on the page, in the
/// reply box, read-only, with why it was not sent: as a reply kept while the line cannot be reached.
/// </summary>
public sealed partial class UnsentReplyKeptTests
{
    private const string Words = "Hi, it's Alice from the line. Are you safe to text?";

    // Found live: the chat idled out while staff typed; Send came back with "This conversation is closed" and no reply
    // box at all, the words she had typed gone from the page.
    [Fact]
    public async Task A_reply_sent_just_after_the_idle_close_stays_in_its_box_with_why_it_was_not_sent()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        factory.Settings["Handoff:IdleClose"] = "00:05:00";
        using var alice = await factory.SignedInAsync("alice");
        var (number, id, path) = await ClaimedChatAsync(factory, alice);
        var form = ReplyForm(await alice.GetPageAsync(path));

        factory.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await factory.Services.GetRequiredService<HandoffWorker>().RunPassAsync(CancellationToken.None);
        Assert.Equal(InboxConversationState.Closed, (await factory.ConversationAsync(id))!.State);

        using var sent = await alice.PostWithoutTokenAsync(path, form, "Reply");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var page = await sent.Content.ReadAsStringAsync();
        var box = ReplyBox().Match(page);
        Assert.True(box.Success, "the refused reply's box is not on the page");
        Assert.Equal(Words, WebUtility.HtmlDecode(box.Groups[2].Value));
        Assert.Contains("readonly", box.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("This conversation is closed. Your reply was not sent.", WebUtility.HtmlDecode(page));
        Assert.Contains("Your reply was not sent: this conversation closed before it went", WebUtility.HtmlDecode(page));
        await factory.SendOutboxAsync();
        Assert.DoesNotContain(fake.SentTo(number), text => text.Form["Body"] == Words);
    }

    [Fact]
    public async Task A_reply_sent_just_after_a_colleague_deleted_the_chat_stays_on_the_page_with_why()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var bob = await factory.SignedInAsync("bob");
        var (_, id, path) = await ClaimedChatAsync(factory, alice);
        var form = ReplyForm(await alice.GetPageAsync(path));

        using (var deleted = await bob.PostFormAsync(path, [new("confirm", "true")], handler: "Delete"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }
        Assert.Null(await factory.ConversationAsync(id));

        using var sent = await alice.PostWithoutTokenAsync(path, form, "Reply");
        Assert.Equal(HttpStatusCode.NotFound, sent.StatusCode);
        var page = await sent.Content.ReadAsStringAsync();
        var box = ReplyBox().Match(page);
        Assert.True(box.Success, "the refused reply's words are not on the page");
        Assert.Equal(Words, WebUtility.HtmlDecode(box.Groups[2].Value));
        Assert.Contains("Your reply was not sent: this conversation is no longer there", WebUtility.HtmlDecode(page));
    }

    /// <summary>Alice goes on shift, a new texter texts TALK, and Alice claims her conversation.</summary>
    private static async Task<(string Number, string Id, string Path)> ClaimedChatAsync(TextLineFactory factory, ConsoleClient alice)
    {
        await alice.GoOnShiftAsync();
        var number = TestNumbers.Next();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(number));
        var path = $"/Inbox/{id}";
        using (await alice.PostFormAsync(path, [], handler: "Claim")) { }
        return (number, id, path);
    }

    private static KeyValuePair<string, string>[] ReplyForm(string page) =>
    [
        new("Body", Words),
        new("ReplyId", ConsoleClient.ReplyIdIn(page)),
        new("__RequestVerificationToken", ConsoleClient.AntiforgeryTokenIn(page)),
    ];

    [GeneratedRegex("<textarea id=\"reply-body\"([^>]*)>([^<]*)</textarea>")]
    private static partial Regex ReplyBox();
}
