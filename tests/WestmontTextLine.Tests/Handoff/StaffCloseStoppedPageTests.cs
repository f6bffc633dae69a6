using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Flows;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.Console;
using WestmontTextLine.Tests.Console.Inbox;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// Close pressed in the console as the store fails at the queuing of her closing text, after the chat was written
/// closed: the page says it was not done (no "Closed."), and the close is finished as soon as the store answers, so
/// her closing text goes out then, once, not when the chat's idle timer would next fire.
/// </summary>
public sealed class StaffCloseStoppedPageTests
{
    private const string Texter = "+16305558371";

    [Fact]
    public async Task A_close_that_stopped_part_way_is_not_shown_as_done_and_is_finished_once_the_store_answers()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton<IOutboundTexts>(provider =>
                new ClosingTextFailsOnce(ActivatorUtilities.CreateInstance<OutboundTexts>(provider))),
        }.Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(Texter));
        var path = $"/Inbox/{id}";

        using var pressed = await alice.PostFormAsync(path, [], handler: "Close");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, pressed.StatusCode);
        Assert.Equal(ConsoleFaults.StoreDown, await pressed.Content.ReadAsStringAsync());
        var closing = factory.Services.GetRequiredService<Flow>().Default.Messages.HandoffClosed;
        await Eventually.TrueAsync(async () =>
        {
            await factory.SendOutboxAsync();
            return fake.SentTo(Texter).Count > 0;
        }, "her closing text sent", TimeSpan.FromSeconds(20));
        Assert.Equal([closing], fake.SentTo(Texter).Select(sent => sent.Form["Body"]));
        Assert.Equal(InboxConversationState.Closed, (await factory.ConversationAsync(id))!.State);
        Assert.DoesNotContain("Closed. The texter got the closing text", await alice.GetPageAsync(path));
    }

    /// <summary>The real outbox, whose first queuing of a closing text fails as a store that stopped answering does.</summary>
    private sealed class ClosingTextFailsOnce(IOutboundTexts inner) : ForwardingOutboundTexts(inner)
    {
        private int _failed;

        public override Task SendAsOrNothingAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default) =>
            label == "handoff_closed" && Interlocked.Exchange(ref _failed, 1) == 0
                ? throw new IOException("The store is down.")
                : base.SendAsOrNothingAsync(id, to, body, label, cancellationToken);
    }
}
