using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;
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
public sealed class StaffReplyTwiceTests
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
            new("ReplyId", ConsoleClient.ReplyIdIn(page)),
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
    public async Task The_same_reply_form_posted_twice_writes_one_replied_line_in_the_audit()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        var (_, id, path) = await ClaimedChatAsync(factory, alice);

        var form = ReplyForm(await alice.GetPageAsync(path), Words);
        using (await alice.PostWithoutTokenAsync(path, form, "Reply")) { }
        using var again = await alice.PostWithoutTokenAsync(path, form, "Reply");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, again.StatusCode);

        // One text went out, so one line says she replied: before, the second post wrote a second "replied" line.
        Assert.Single(await RepliedLinesAsync(factory), entry => entry.Actor == "alice" && entry.Target == $"conversation {id}");
    }

    [Fact]
    public async Task A_colleague_posting_the_same_reply_form_in_a_claimed_chat_is_refused_and_not_audited_as_a_reply()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var bob = await factory.SignedInAsync("bob");
        var (number, id, path) = await ClaimedChatAsync(factory, alice);
        var page = await alice.GetPageAsync(path);
        using (await alice.PostWithoutTokenAsync(path, ReplyForm(page, Words), "Reply")) { }

        // Bob sends Alice's form (its id and words, as copied from her screen) with his own session: not his reply.
        KeyValuePair<string, string>[] copied =
            [new("Body", Words), new("ReplyId", ConsoleClient.ReplyIdIn(page)), new("__RequestVerificationToken", ConsoleClient.AntiforgeryTokenIn(await bob.GetPageAsync(path)))];
        using var post = await bob.PostWithoutTokenAsync(path, copied, "Reply");
        Assert.Equal(System.Net.HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("Another staff member has this conversation", await post.Content.ReadAsStringAsync());

        Assert.DoesNotContain(await RepliedLinesAsync(factory), entry => entry.Actor == "bob");
    }

    private static KeyValuePair<string, string>[] ReplyForm(string page, string body) =>
        [new("Body", body), new("ReplyId", ConsoleClient.ReplyIdIn(page)), new("__RequestVerificationToken", ConsoleClient.AntiforgeryTokenIn(page))];

    private static async Task<IReadOnlyList<AuditEntry>> RepliedLinesAsync(TextLineFactory factory) =>
        [.. (await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100)).Where(entry => entry.Action == ConsoleAuditActions.ConversationReplied)];

    [Fact]
    public async Task Another_reply_from_an_old_copy_of_the_page_is_sent()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        var (number, id, path) = await ClaimedChatAsync(factory, alice);

        var page = await alice.GetPageAsync(path);
        var (replyId, token) = (ConsoleClient.ReplyIdIn(page), ConsoleClient.AntiforgeryTokenIn(page));
        using (await alice.PostWithoutTokenAsync(path, [new("Body", Words), new("ReplyId", replyId), new("__RequestVerificationToken", token)], "Reply")) { }
        using (await alice.PostWithoutTokenAsync(path, [new("Body", "Text back when you can."), new("ReplyId", replyId), new("__RequestVerificationToken", token)], "Reply")) { }
        await factory.SendOutboxAsync();

        Assert.Equal([Words, "Text back when you can."], fake.SentTo(number).Select(sent => sent.Form["Body"]));
        Assert.NotEqual(replyId, ConsoleClient.ReplyIdIn(await alice.GetPageAsync(path)));
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
}
