using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Flows;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Records;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Console;
using WestmontTextLine.Tests.Console.Inbox;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// Close pressed in the console as the store fails. At the queuing of her closing text, after the chat was written
/// closed: the page says the chat is closed and the line finishes the close once the store answers (no "Closed.", no
/// "this was not done"), her closing text goes out then, once, not when the chat's idle timer would next fire, and the
/// audit log then says who closed it and that it finished late. At the write marking it closed: the page says it was
/// not done, and the chat is still open.
/// </summary>
public sealed class StaffCloseStoppedPageTests
{
    private const string Texter = "+16305558371";

    [Fact]
    public async Task A_close_that_stopped_part_way_says_it_finishes_once_the_store_answers_and_is_audited_when_it_has()
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
        Assert.Equal(ConsoleFaults.CloseFinishesLater, await pressed.Content.ReadAsStringAsync());
        var closing = factory.Services.GetRequiredService<Flow>().Default.Messages.HandoffClosed;
        await Eventually.TrueAsync(async () =>
        {
            await factory.SendOutboxAsync();
            return fake.SentTo(Texter).Count > 0;
        }, "her closing text sent", TimeSpan.FromSeconds(20));
        Assert.Equal([closing], fake.SentTo(Texter).Select(sent => sent.Form["Body"]));
        Assert.Equal(InboxConversationState.Closed, (await factory.ConversationAsync(id))!.State);
        Assert.DoesNotContain("Closed. The texter got the closing text", await alice.GetPageAsync(path));

        // Her Close recorded nothing as it failed; the close finished, the audit log says who closed it, and that it was late.
        await Eventually.TrueAsync(async () => (await ClosesAsync(factory)).Count > 0, "the close audited", TimeSpan.FromSeconds(20));
        Assert.Equal([$"alice conversation {id}{LateCloseAudit.FinishedLate}"], (await ClosesAsync(factory)).Select(entry => $"{entry.Actor} {entry.Target}"));
    }

    [Fact]
    public async Task A_close_whose_first_write_failed_says_it_was_not_done_and_leaves_the_chat_open()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        FailNextChatWrite? records = null;
        using var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton<IPrivateRecords>(provider =>
                records = new FailNextChatWrite(new SqlitePrivateRecords(provider.GetRequiredService<SqliteWriter>()))),
        }.Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(TestNumbers.Next()));

        records!.Armed = true;
        using var pressed = await alice.PostFormAsync($"/Inbox/{id}", [], handler: "Close");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, pressed.StatusCode);
        Assert.Equal(ConsoleFaults.StoreDown, await pressed.Content.ReadAsStringAsync());
        Assert.Equal(InboxConversationState.Open, (await factory.ConversationAsync(id))!.State);
    }

    private static async Task<IReadOnlyList<AuditEntry>> ClosesAsync(TextLineFactory factory) =>
        [.. (await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100)).Where(entry => entry.Action == ConsoleAuditActions.ConversationClosed)];

    /// <summary>The real outbox, whose first queuing of a closing text fails as a store that stopped answering does.</summary>
    private sealed class ClosingTextFailsOnce(IOutboundTexts inner) : ForwardingOutboundTexts(inner)
    {
        private int _failed;

        public override Task SendAsOrNothingAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default) =>
            label == "handoff_closed" && Interlocked.Exchange(ref _failed, 1) == 0
                ? throw new IOException("The store is down.")
                : base.SendAsOrNothingAsync(id, to, body, label, cancellationToken);
    }

    /// <summary>The line's records, whose next write of a chat fails once <see cref="Armed"/>, as a store that stopped answering does.</summary>
    private sealed class FailNextChatWrite(IPrivateRecords inner) : ForwardingPrivateRecords(inner)
    {
        public volatile bool Armed;

        public override Task<bool> TryPutAsync(string kind, string key, byte[] payload, long expectedVersion, DateTimeOffset? expiresAt, DateTimeOffset now,
            CancellationToken cancellationToken = default)
        {
            if (kind == HandoffStore.ConversationKind && Armed)
            {
                Armed = false;
                throw new IOException("The store is down.");
            }
            return base.TryPutAsync(kind, key, payload, expectedVersion, expiresAt, now, cancellationToken);
        }
    }
}
