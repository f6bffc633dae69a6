using System.Text.RegularExpressions;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>
/// Staff click twice: Send reply pressed twice (or the browser sending the form again) posts the same form twice, at
/// the same moment or one after the other. She gets one text, and the conversation shows one reply. Before, each post
/// was a reply of its own: two identical texts on her phone. Another reply typed in an old copy of the page (Back) is
/// still sent.
/// </summary>
public sealed partial class StaffReplyTwiceTests
{
    private const string Words = "Hi, it's Alice from the line. Are you safe to text?";

    [Fact]
    public async Task The_same_reply_form_posted_twice_at_once_and_again_after_sends_one_text()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        var (number, id, path) = await ClaimedChatAsync(factory, alice);

        var page = await alice.GetPageAsync(path);
        KeyValuePair<string, string>[] form =
        [
            new("Body", Words),
            new("ReplyId", ReplyIdIn(page)),
            new("__RequestVerificationToken", ConsoleClient.AntiforgeryTokenIn(page)),
        ];
        var posts = await Task.WhenAll(alice.PostWithoutTokenAsync(path, form, "Reply"), alice.PostWithoutTokenAsync(path, form, "Reply"));
        using var again = await alice.PostWithoutTokenAsync(path, form, "Reply");
        foreach (var post in posts.Append(again))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, post.StatusCode);
            post.Dispose();
        }
        await factory.SendOutboxAsync();

        Assert.Single(fake.SentTo(number));
        Assert.Single(await factory.MessagesAsync(id), m => m.From == InboxMessageFrom.Staff);
    }

    [Fact]
    public async Task Another_reply_from_an_old_copy_of_the_page_is_sent()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        var (number, id, path) = await ClaimedChatAsync(factory, alice);

        var page = await alice.GetPageAsync(path);
        var (replyId, token) = (ReplyIdIn(page), ConsoleClient.AntiforgeryTokenIn(page));
        using (await alice.PostWithoutTokenAsync(path, [new("Body", Words), new("ReplyId", replyId), new("__RequestVerificationToken", token)], "Reply")) { }
        using (await alice.PostWithoutTokenAsync(path, [new("Body", "Text back when you can."), new("ReplyId", replyId), new("__RequestVerificationToken", token)], "Reply")) { }
        await factory.SendOutboxAsync();

        Assert.Equal([Words, "Text back when you can."], fake.SentTo(number).Select(sent => sent.Form["Body"]));
        Assert.NotEqual(replyId, ReplyIdIn(await alice.GetPageAsync(path)));
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

    private static string ReplyIdIn(string page)
    {
        var match = ReplyIdPattern().Match(page);
        Assert.True(match.Success, "the page's reply form has no ReplyId");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("name=\"ReplyId\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex ReplyIdPattern();
}
