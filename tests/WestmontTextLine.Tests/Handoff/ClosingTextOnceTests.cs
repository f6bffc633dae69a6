using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Records;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// A close queues her closing text, then clears what the chat owes her (ClosingTextDue). When that second write is lost
/// (the store failed, or the process died in between) the close is finished again later and queues the text again,
/// under the same outbox id; the first may have gone out by then. A text sent twice on a phone someone else may read
/// is a risk: she gets it once.
/// </summary>
public sealed class ClosingTextOnceTests
{
    private const string Texter = "+16305558351";

    [Fact]
    public async Task A_closing_text_queued_again_after_it_went_out_is_not_sent_again()
    {
        ChatWritesDown? records = null;
        var factory = new TextLineFactory
        {
            TestServices = services =>
            {
                services.AddSingleton<IPrivateRecords>(provider =>
                    records = new ChatWritesDown(new SqlitePrivateRecords(provider.GetRequiredService<SqliteWriter>())));
                services.AddSingleton<IOutboundTexts>(provider =>
                    new DownAfterClosingText(ActivatorUtilities.CreateInstance<OutboundTexts>(provider), () => records!.Down = true));
            },
        };
        await using var line = await HandoffLine.StartAsync(factory);
        await line.Phone(Texter).TextAsync("TALK");
        var id = (await line.OnlyOpenAsync()).Id;
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hello, I am Ana."));
        await line.PassesAsync();

        // Her closing text is queued; the write after it, that she is owed it no more, is lost.
        await Assert.ThrowsAnyAsync<Exception>(() => line.Inbox.CloseAsync(id, HandoffLine.Staff));
        await line.PassesAsync();
        Assert.Equal(["Hello, I am Ana.", HandoffLine.English.HandoffClosed], line.SentTo(Texter));

        // The close is finished again while the chat's writes still fail: its closing text is queued anew, after the first went out.
        var work = line.Factory.Services.GetRequiredService<IScheduledWork>();
        await Eventually.TrueAsync(async () => await work.CountAsync(WorkKinds.Send) > 0, "the closing text queued again", TimeSpan.FromSeconds(20));
        records!.Down = false;
        var conversations = line.Factory.Services.GetRequiredService<HandoffConversations>();
        await Eventually.TrueAsync(async () =>
            {
                await line.PassesAsync();
                return await conversations.LoadAsync(id, CancellationToken.None) is { ClosingTextDue: null } && await work.CountAsync(WorkKinds.Send) == 0;
            },
            "the close finished and the outbox empty", TimeSpan.FromSeconds(30));

        await line.AdvanceAsync(TimeSpan.FromMinutes(31));
        Assert.Equal(["Hello, I am Ana.", HandoffLine.English.HandoffClosed], line.SentTo(Texter));
    }

    /// <summary>
    /// A chat mid-close as the line is upgraded: the older build queued her closing text under its old id and stopped
    /// before it wrote that it had; the new build closes the chat and queues it under the new one. She gets it once.
    /// </summary>
    [Fact]
    public async Task A_closing_text_an_older_build_queued_under_its_old_id_is_one_text_with_the_new_ids()
    {
        await using var line = await HandoffLine.StartAsync();
        await line.Phone(Texter).TextAsync("TALK");
        var id = (await line.OnlyOpenAsync()).Id;
        var outbound = line.Factory.Services.GetRequiredService<IOutboundTexts>();
        var closing = HandoffLine.English.HandoffClosed;
        await outbound.SendAsOrNothingAsync($"handoff-closing-{id}", Texter, closing, "handoff_closed");

        Assert.Equal(InboxOutcome.Done, await line.Inbox.CloseAsync(id, HandoffLine.Staff));
        await line.PassesAsync();
        Assert.Equal([closing], line.SentTo(Texter));

        // An instance of the older build, still running, queues it again under the old id: dropped too.
        await outbound.SendAsOrNothingAsync($"handoff-closing-{id}", Texter, closing, "handoff_closed");
        await line.PassesAsync();
        Assert.Equal([closing], line.SentTo(Texter));
    }

    /// <summary>A closed chat owes her its closing text at most until it is deleted; the outbox remembers the text longer.</summary>
    [Fact]
    public void The_outbox_remembers_a_sent_closing_text_longer_than_any_closed_chat_is_kept() =>
        Assert.True(SentOnceTexts.RememberFor > HandoffOptionsValidation.LongestKeepFor);

    /// <summary>The line's records, whose writes of a chat fail while <see cref="Down"/>; everything else goes on.</summary>
    private sealed class ChatWritesDown(IPrivateRecords inner) : ForwardingPrivateRecords(inner)
    {
        public volatile bool Down;

        public override Task<bool> TryPutAsync(string kind, string key, byte[] payload, long expectedVersion, DateTimeOffset? expiresAt, DateTimeOffset now,
            CancellationToken cancellationToken = default) =>
            Down && kind == HandoffStore.ConversationKind
                ? throw new IOException("The store is down.")
                : base.TryPutAsync(kind, key, payload, expectedVersion, expiresAt, now, cancellationToken);
    }

    /// <summary>The real outbox, after whose first queuing of a closing text the chat's writes fail.</summary>
    private sealed class DownAfterClosingText(IOutboundTexts inner, Action down) : ForwardingOutboundTexts(inner)
    {
        private int _queued;

        public override async Task SendAsOrNothingAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default)
        {
            await base.SendAsOrNothingAsync(id, to, body, label, cancellationToken);
            if (label == "handoff_closed" && Interlocked.Exchange(ref _queued, 1) == 0) down();
        }
    }
}
