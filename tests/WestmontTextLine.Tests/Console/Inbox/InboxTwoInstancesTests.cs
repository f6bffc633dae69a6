using System.Net;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>
/// Two instances of the line on one Redis, as behind a load balancer: the texter's webhooks reach instance A, the staff
/// member is signed in to instance B, and they meet in one conversation.
/// </summary>
public sealed class InboxTwoInstancesTests
{
    private const string TexterNumber = "+16305550192";
    /// <summary>A guard against a hang, not a speed goal: an event is either pushed on the open stream or never comes.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Staff_on_instance_b_have_a_texters_talk_and_texts_to_instance_a_pushed_on_their_open_stream_and_their_reply_reaches_her()
    {
        using var redis = RedisServer.Start();
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var a = new RedisTextLineFactory(redis.ConnectionString).Staffed(fake);
        using var b = new RedisTextLineFactory(redis.ConnectionString).Staffed(fake);
        using var alice = await b.SignedInAsync("alice");
        // A has answered a text before the stream opens: a stream ends after its minute, and A's start and first text,
        // on a loaded machine, took most of it.
        var texter = a.CreateTwilioClient(TexterNumber);
        Assert.NotNull(await texter.TextAsync("hi"));

        using var stream = await alice.GetStreamingAsync(InboxEventStream.Path, ("Accept", AutomaticRequests.EventStream));
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        using var events = new EventStreamReader(stream);
        Assert.Equal("ready", (await events.NextAsync(TimeSpan.FromSeconds(5))).Type);
        // Her going on shift goes round through Redis: once B's stream hears it, B listens to every instance.
        await alice.GoOnShiftAsync();
        await events.NextMatchingAsync(e => e.Kind == "shift", TimeSpan.FromSeconds(5));

        // The stream was opened before any of this happened, on B, and a stream only carries what is published after
        // its "ready": an event read from it was pushed through Redis from A, not found by reloading a page.
        // Each event is published before A answers the text: the guard then bounds only its way through Redis to B.
        var (reply, id) = await a.TalkAsync(texter);
        var opened = await events.NextMatchingAsync(e => e.Kind == "opened", Guard);
        Assert.Equal(id, opened.ConversationId);
        Assert.Contains(a.PseudonymOf(TexterNumber), await alice.GetPageAsync("/Inbox"));

        await texter.TextAsync("are you there");
        var message = await events.NextMatchingAsync(e => e.Kind == "message" && e.ConversationId == id, Guard);
        Assert.Contains("are you there", await alice.GetPageAsync($"/Inbox/{id}?handler=Live"));

        using var claimed = await alice.PostFormAsync($"/Inbox/{id}", [], handler: "Claim");
        using var replied = await alice.PostFormAsync($"/Inbox/{id}", [new("Body", "Yes, this is Alice. I am here.")], handler: "Reply");
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        // Whichever instance's outbox worker runs first sends it: here A's.
        await a.SendOutboxAsync();
        var sent = Assert.Single(fake.SentTo(TexterNumber));
        Assert.Equal("Yes, this is Alice. I am here.", sent.Form["Body"]);
        Assert.NotNull(reply);
        Assert.DoesNotContain("are you there", events.Raw);
        Assert.DoesNotContain(TexterNumber[2..], events.Raw);
    }
}
