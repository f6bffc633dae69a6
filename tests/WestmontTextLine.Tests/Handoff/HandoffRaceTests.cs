using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Records;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// A chat with staff changed from outside her texts at the moment she texts: the idle close, a staff reply. Her text
/// lands in the middle of that work (a hook in the store or the outbox runs it there); the work runs in her turn
/// (<see cref="WestmontTextLine.Senders.TexterTurns"/>), so her text comes before it or after it. Before: a text sent
/// as the chat idled out went into a conversation closed just after it, which no one on staff reads, with no answer
/// to her; a staff reply landing with her FORGET went out to the number that had just asked to be forgotten.
/// </summary>
public sealed class HandoffRaceTests
{
    private const string Words = "are you still there? he is back";

    /// <param name="read">Which read of the chat by the worker her text follows: the first look, or the one after it.</param>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_text_sent_as_the_chat_idles_out_reaches_staff_in_an_open_chat_or_is_answered(int read)
    {
        var (line, records, _) = await StartAsync();
        await using var _ = line;
        var texter = line.Phone(TestNumbers.Next());
        await texter.TextAsync("TALK");
        var id = (await line.OnlyOpenAsync()).Id;
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hi, it's Ana from the line."));
        await line.PassesAsync();

        // The idle close looks at the chat; her text comes just then.
        Task<string?>? text = null;
        records.AfterGet(read, HandoffStore.ConversationKind, id,
            () => TextMeanwhile.AnsweredOrWaitingAsync(line.Factory, texter.From, text = texter.TextAsync(Words)));
        line.Factory.Clock.Advance(line.Factory.Services.GetRequiredService<HandoffConversations>().Options.IdleClose);
        await line.Factory.Services.GetRequiredService<HandoffWorker>().RunPassAsync(CancellationToken.None);
        var reply = await text!;

        var chat = await line.Inbox.FindAsync(id);
        var herText = (await line.Inbox.MessagesAsync(id)).Any(m => m.From == InboxMessageFrom.Texter && m.Body == Words);
        if (chat!.State == InboxConversationState.Open)
        {
            Assert.True(herText, "her text is in the open chat");
            Assert.Null(reply);
        }
        else
        {
            Assert.False(herText, "her text went into a chat closed after it, which no one reads");
            Assert.False(string.IsNullOrEmpty(reply), "her text after the closing text is answered by the menu");
        }
    }

    [Fact]
    public async Task A_staff_reply_landing_with_her_forget_is_not_sent_to_her()
    {
        var (line, _, outbound) = await StartAsync();
        await using var _ = line;
        var number = TestNumbers.Next();
        var texter = line.Phone(number);
        await texter.TextAsync("TALK");
        var id = (await line.OnlyOpenAsync()).Id;
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ClaimAsync(id, HandoffLine.Staff));
        var outbox = line.Factory.Services.GetRequiredService<OutboundTextWorker>();

        // The reply is written on the chat; as it goes to the outbox she texts FORGET, and the outbox's pass runs meanwhile.
        Task<string?>? forget = null;
        outbound.BeforeNext(HandoffOutboxIds.Label, async () =>
        {
            await TextMeanwhile.AnsweredOrWaitingAsync(line.Factory, number, forget = texter.TextAsync("FORGET"));
            await outbox.RunPassAsync(CancellationToken.None);
        });
        var outcome = await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hi, it's Ana. Are you safe to text?");
        Assert.StartsWith("Done. This line deleted what it kept about you", await forget!);
        await line.PassesAsync();
        await line.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Contains(outcome, new[] { InboxOutcome.Done, InboxOutcome.NotFound });
        Assert.Empty(line.SentTo(number));
    }

    private static async Task<(HandoffLine Line, HookedPrivateRecords Records, HookedOutbound Outbound)> StartAsync()
    {
        HookedPrivateRecords? records = null;
        HookedOutbound? outbound = null;
        var factory = new TextLineFactory
        {
            TestServices = services =>
            {
                HookedPrivateRecords.Register(made => records = made)(services);
                services.AddSingleton<IOutboundTexts>(provider => outbound = new HookedOutbound(ActivatorUtilities.CreateInstance<OutboundTexts>(provider)));
            },
        };
        var line = await HandoffLine.StartAsync(factory);
        _ = line.Factory.Services.GetRequiredService<IPrivateRecords>();
        _ = line.Factory.Services.GetRequiredService<IOutboundTexts>();
        return (line, records!, outbound!);
    }

    /// <summary>The real outbox, which runs something once just before a text with a given label is queued.</summary>
    private sealed class HookedOutbound(IOutboundTexts inner) : ForwardingOutboundTexts(inner)
    {
        private (string Label, Func<Task> Action)? _before;

        public void BeforeNext(string label, Func<Task> action) => _before = (label, action);

        public override async Task SendAsOrNothingAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default)
        {
            if (_before is { } before && before.Label == label)
            {
                _before = null;
                await before.Action();
            }
            await base.SendAsOrNothingAsync(id, to, body, label, cancellationToken);
        }
    }
}
