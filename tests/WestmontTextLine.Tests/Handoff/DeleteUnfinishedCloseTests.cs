using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.Console;
using WestmontTextLine.Tests.Console.Inbox;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// Delete now, or her FORGET, on a chat whose staff Close stopped part-way (the store failed as her closing text was
/// queued) and is still to be finished by the line. The line will not finish a deleted chat's close, so it would never
/// be audited: the audit log shows who pressed Close (staff asked for it, the chat was written closed, her closing text
/// may have gone out), once, then the deletion. And a close the line's restart left unfinished is finished by the
/// chat's timer, and audited then.
/// </summary>
public sealed class DeleteUnfinishedCloseTests
{
    [Fact]
    public async Task Delete_now_before_the_close_was_finished_audits_the_close_and_the_deletion()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        var outbox = new ClosingTextFails();
        using var factory = Line(fake, outbox);
        using var alice = await factory.SignedInAsync("alice");
        using var bob = await factory.SignedInAsync("bob");
        await alice.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(TestNumbers.Next()));
        var path = $"/Inbox/{id}";

        outbox.Failing = true;
        using (var pressed = await alice.PostFormAsync(path, [], handler: "Close"))
        {
            Assert.Equal(ConsoleFaults.CloseFinishesLater, await pressed.Content.ReadAsStringAsync());
        }
        using (var deleted = await bob.PostFormAsync(path, [new("confirm", "true")], handler: "Delete"))
        {
            Assert.NotEqual(HttpStatusCode.ServiceUnavailable, deleted.StatusCode);
        }

        Assert.Null(await factory.ConversationAsync(id));
        Assert.Equal(
            [$"bob {ConsoleAuditActions.ConversationDeleted} conversation {id}", $"alice {ConsoleAuditActions.ConversationClosed} conversation {id}{LateCloseAudit.DeletedBeforeFinished}"],
            await InboxLinesAsync(factory));
    }

    /// <summary>A close the line finished before the deletion is audited once, as finished late; the deletion adds only its own line.</summary>
    [Fact]
    public async Task Delete_now_after_the_close_was_finished_late_adds_no_second_close_line()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        var outbox = new ClosingTextFails();
        using var factory = Line(fake, outbox);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(TestNumbers.Next()));
        var path = $"/Inbox/{id}";

        outbox.Failing = true;
        using (await alice.PostFormAsync(path, [], handler: "Close")) { }
        outbox.Failing = false;
        await Eventually.TrueAsync(async () => (await InboxLinesAsync(factory)).Count > 0, "the close finished and audited", TimeSpan.FromSeconds(20));
        using (await alice.PostFormAsync(path, [new("confirm", "true")], handler: "Delete")) { }

        Assert.Equal(
            [$"alice {ConsoleAuditActions.ConversationDeleted} conversation {id}", $"alice {ConsoleAuditActions.ConversationClosed} conversation {id}{LateCloseAudit.FinishedLate}"],
            await InboxLinesAsync(factory));
    }

    [Fact]
    public async Task Her_FORGET_before_the_close_was_finished_audits_the_close()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        var outbox = new ClosingTextFails();
        using var factory = Line(fake, outbox);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        var texter = factory.CreateTwilioClient(TestNumbers.Next());
        var (_, id) = await factory.TalkAsync(texter);

        outbox.Failing = true;
        using (var pressed = await alice.PostFormAsync($"/Inbox/{id}", [], handler: "Close"))
        {
            Assert.Equal(ConsoleFaults.CloseFinishesLater, await pressed.Content.ReadAsStringAsync());
        }
        Assert.StartsWith("Done. This line deleted what it kept about you", await texter.TextAsync("FORGET"));

        Assert.Null(await factory.ConversationAsync(id));
        Assert.Equal([$"alice {ConsoleAuditActions.ConversationClosed} conversation {id}{LateCloseAudit.DeletedBeforeFinished}"],
            await InboxLinesAsync(factory));
    }

    /// <summary>
    /// The line stopped while a staff Close was still to be finished (its tries in the background end with it). After
    /// the restart the chat's timer finishes it: her closing text, and the close in the audit log.
    /// </summary>
    [Fact]
    public async Task A_close_a_restart_left_unfinished_is_finished_by_its_timer_and_audited()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        var database = Path.Combine(Path.GetTempPath(), $"textline-close-restart-{Guid.NewGuid():N}.db");
        try
        {
            string id;
            using (var before = Line(fake, new ClosingTextFails { Failing = true }, database))
            {
                using var alice = await before.SignedInAsync("alice");
                await alice.GoOnShiftAsync();
                (_, id) = await before.TalkAsync(before.CreateTwilioClient(TestNumbers.Next()));
                using var pressed = await alice.PostFormAsync($"/Inbox/{id}", [], handler: "Close");
                Assert.Equal(ConsoleFaults.CloseFinishesLater, await pressed.Content.ReadAsStringAsync());
            }

            using var after = Line(fake, new ClosingTextFails(), database);
            after.Clock.Advance(TimeSpan.FromHours(1));
            await after.Services.GetRequiredService<HandoffWorker>().RunPassAsync(CancellationToken.None);

            Assert.Equal([$"alice {ConsoleAuditActions.ConversationClosed} conversation {id}{LateCloseAudit.FinishedLate}"],
                await InboxLinesAsync(after));
            Assert.Equal(InboxConversationState.Closed, (await after.ConversationAsync(id))?.State);
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    private static TextLineFactory Line(FakeTwilio.FakeTwilioApi fake, ClosingTextFails outbox, string? database = null) => new TextLineFactory
    {
        DatabasePath = database ?? Path.Combine(Path.GetTempPath(), $"textline-test-{Guid.NewGuid():N}.db"),
        KeepDatabase = database is not null,
        TestServices = services => services.AddSingleton<IOutboundTexts>(provider =>
            outbox.Over(ActivatorUtilities.CreateInstance<OutboundTexts>(provider))),
    }.Staffed(fake);

    /// <summary>The closes and deletions in the audit log, newest first: "who action target".</summary>
    private static async Task<IReadOnlyList<string>> InboxLinesAsync(TextLineFactory factory) =>
        [.. (await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100))
            .Where(entry => entry.Action is ConsoleAuditActions.ConversationClosed or ConsoleAuditActions.ConversationDeleted)
            .Select(entry => $"{entry.Actor} {entry.Action} {entry.Target}")];

    /// <summary>The real outbox, whose queuing of a closing text fails while <see cref="Failing"/>, as a store that stopped answering does.</summary>
    private sealed class ClosingTextFails
    {
        public volatile bool Failing;

        public IOutboundTexts Over(IOutboundTexts inner) => new Outbox(inner, this);

        private sealed class Outbox(IOutboundTexts inner, ClosingTextFails fails) : ForwardingOutboundTexts(inner)
        {
            public override Task SendAsOrNothingAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default) =>
                label == "handoff_closed" && fails.Failing
                    ? throw new IOException("The store is down.")
                    : base.SendAsOrNothingAsync(id, to, body, label, cancellationToken);
        }
    }
}
