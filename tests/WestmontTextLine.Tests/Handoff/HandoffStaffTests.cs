using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>The staff side of "talk to a person" (IHandoffInbox, as the console calls it), with the fake Twilio API and a fake clock.</summary>
public sealed class HandoffStaffTests
{
    private const string Texter = "+16305558201";

    private static async Task<(HandoffLine Line, TwilioClientAndId Talk)> OpenAsync(bool claim = true)
    {
        var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");
        var id = (await line.OnlyOpenAsync()).Id;
        if (claim) Assert.Equal(InboxOutcome.Done, await line.Inbox.ClaimAsync(id, HandoffLine.Staff));
        return (line, new TwilioClientAndId(phone, id));
    }

    public sealed record TwilioClientAndId(Web.TwilioClient Phone, string Id);

    [Fact]
    public async Task A_staff_reply_reaches_the_provider_in_gsm7_to_her_number_and_its_delivery_shows()
    {
        var (line, talk) = await OpenAsync();
        await using var _ = line;

        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(talk.Id, HandoffLine.Staff, "Hi, I\u2019m Ana \u2013 you can text me here\u2026 Est\u00e1s a salvo?"));
        var queued = (await line.Inbox.MessagesAsync(talk.Id))[^1];
        Assert.Equal((InboxMessageFrom.Staff, HandoffLine.Staff, InboxDelivery.Queued), (queued.From, queued.StaffName, queued.Delivery));
        Assert.Null((await line.OnlyOpenAsync()).WaitingSince);

        await line.PassesAsync();

        var sent = Assert.Single(line.SentMessagesTo(Texter));
        Assert.Equal("Hi, I'm Ana - you can text me here... Estas a salvo?", sent.Body);
        Assert.True(SmsText.IsGsm7(sent.Body!));
        Assert.Equal(ProviderTextLine.LineNumber, sent.From);
        Assert.Equal(InboxDelivery.Sent, (await line.Inbox.MessagesAsync(talk.Id))[^1].Delivery);

        await line.ReportAsync(talk.Phone, sent, "delivered");
        Assert.Equal(InboxDelivery.Delivered, (await line.Inbox.MessagesAsync(talk.Id))[^1].Delivery);
        // Her answer is waiting again.
        Assert.Null(await talk.Phone.TextAsync("yes I am"));
        Assert.NotNull((await line.OnlyOpenAsync()).WaitingSince);
    }

    [Fact]
    public async Task Her_texts_and_the_staff_replies_are_deleted_at_the_provider_like_every_other_text()
    {
        var (line, talk) = await OpenAsync();
        await using var _ = line;
        var inbound = line.Fake.AddMessage(Texter, ProviderTextLine.LineNumber, "are you there?").Sid;
        Assert.Null(await talk.Phone.TextAsync("are you there?", inbound));
        await line.Inbox.ReplyAsync(talk.Id, HandoffLine.Staff, "Yes, I am here.");
        await line.PassesAsync();
        var reply = Assert.Single(line.SentMessagesTo(Texter));
        await line.ReportAsync(talk.Phone, reply, "delivered");

        line.Factory.Clock.Advance(TimeSpan.FromMinutes(3));
        await line.Factory.Services.GetRequiredService<WestmontTextLine.Outbound.ProviderDeletionWorker>().RunPassAsync(CancellationToken.None);

        Assert.Contains(inbound, line.Fake.DeletedSids);
        Assert.Contains(reply.Sid, line.Fake.DeletedSids);
    }

    [Fact]
    public async Task A_reply_to_an_unclaimed_conversation_claims_it()
    {
        var (line, talk) = await OpenAsync(claim: false);
        await using var _ = line;

        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(talk.Id, HandoffLine.OtherStaff, "Hello, this is Ben."));

        Assert.Equal(HandoffLine.OtherStaff, (await line.OnlyOpenAsync()).ClaimedBy);
        Assert.Equal(InboxOutcome.ClaimedByAnother, await line.Inbox.ReplyAsync(talk.Id, HandoffLine.Staff, "Hi"));
    }

    [Fact]
    public async Task A_conversation_held_by_someone_who_went_off_shift_can_be_taken_by_a_colleague()
    {
        var (line, talk) = await OpenAsync();
        await using var _ = line;
        await line.Shifts.GoOnAsync(HandoffLine.OtherStaff);
        Assert.Equal(InboxOutcome.ClaimedByAnother, await line.Inbox.ClaimAsync(talk.Id, HandoffLine.OtherStaff));

        await line.Shifts.GoOffAsync(HandoffLine.Staff);

        Assert.Equal(InboxOutcome.Done, await line.Inbox.ClaimAsync(talk.Id, HandoffLine.OtherStaff));
        Assert.Equal(HandoffLine.OtherStaff, (await line.OnlyOpenAsync()).ClaimedBy);
        Assert.Contains(await line.Inbox.MessagesAsync(talk.Id), m => m is { From: InboxMessageFrom.Line, Body: "Ben took the conversation from Ana, who is off shift." });
        Assert.Equal(InboxOutcome.ClaimedByAnother, await line.Inbox.ReplyAsync(talk.Id, HandoffLine.Staff, "Still here"));
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(talk.Id, HandoffLine.OtherStaff, "Hi, Ben here."));
    }

    [Fact]
    public async Task Only_the_staff_member_holding_the_claim_replies_and_a_transfer_hands_it_on()
    {
        var (line, talk) = await OpenAsync();
        await using var _ = line;

        Assert.Equal(InboxOutcome.Done, await line.Inbox.ClaimAsync(talk.Id, HandoffLine.Staff));
        Assert.Equal(InboxOutcome.ClaimedByAnother, await line.Inbox.ClaimAsync(talk.Id, HandoffLine.OtherStaff));
        Assert.Equal(InboxOutcome.ClaimedByAnother, await line.Inbox.ReplyAsync(talk.Id, HandoffLine.OtherStaff, "Hi"));
        Assert.Equal(InboxOutcome.ClaimedByAnother, await line.Inbox.TransferAsync(talk.Id, HandoffLine.OtherStaff, HandoffLine.OtherStaff));
        Assert.Equal(InboxOutcome.ClaimedByAnother, await line.Inbox.CloseAsync(talk.Id, HandoffLine.OtherStaff));

        Assert.Equal(InboxOutcome.Done, await line.Inbox.TransferAsync(talk.Id, HandoffLine.Staff, HandoffLine.OtherStaff));

        Assert.Equal(HandoffLine.OtherStaff, (await line.OnlyOpenAsync()).ClaimedBy);
        Assert.Equal(InboxOutcome.ClaimedByAnother, await line.Inbox.ReplyAsync(talk.Id, HandoffLine.Staff, "Hi"));
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(talk.Id, HandoffLine.OtherStaff, "Hi, Ben here."));
        Assert.Contains(await line.Inbox.MessagesAsync(talk.Id), m => m is { From: InboxMessageFrom.Line, Body: "Ana passed the conversation to Ben." });
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Here for you \U0001F49C")]
    public async Task A_reply_that_is_empty_or_cannot_be_gsm7_is_refused(string body)
    {
        var (line, talk) = await OpenAsync();
        await using var _ = line;

        Assert.Equal(InboxOutcome.Invalid, await line.Inbox.ReplyAsync(talk.Id, HandoffLine.Staff, body));
    }

    [Fact]
    public async Task A_reply_longer_than_three_segments_is_refused()
    {
        var (line, talk) = await OpenAsync();
        await using var _ = line;

        Assert.Equal(InboxOutcome.Invalid, await line.Inbox.ReplyAsync(talk.Id, HandoffLine.Staff, new string('a', SmsText.SeptetBudget(3) + 1)));
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(talk.Id, HandoffLine.Staff, new string('a', SmsText.SeptetBudget(3))));
    }

    [Fact]
    public async Task A_reply_the_carrier_could_not_deliver_shows_twilios_error_code_and_a_retry_sends_it_again()
    {
        var (line, talk) = await OpenAsync();
        await using var _ = line;
        await line.Inbox.ReplyAsync(talk.Id, HandoffLine.Staff, "Are you safe to talk?");
        await line.PassesAsync();
        var first = Assert.Single(line.SentMessagesTo(Texter));

        await line.ReportAsync(talk.Phone, first, "undelivered", 30007);

        var failed = (await line.Inbox.MessagesAsync(talk.Id))[^1];
        Assert.Equal((InboxDelivery.Failed, "30007"), (failed.Delivery, failed.ErrorCode));

        Assert.Equal(InboxOutcome.Done, await line.Inbox.RetryAsync(talk.Id, failed.Number, HandoffLine.Staff));
        Assert.Equal(InboxDelivery.Queued, (await line.Inbox.MessagesAsync(talk.Id))[^1].Delivery);
        await line.PassesAsync();

        Assert.Equal(["Are you safe to talk?", "Are you safe to talk?"], line.SentTo(Texter));
        var retried = (await line.Inbox.MessagesAsync(talk.Id))[^1];
        Assert.Equal((failed.Number, InboxDelivery.Sent, (string?)null), (retried.Number, retried.Delivery, retried.ErrorCode));
        // The first send's late report does not undo the second.
        await line.ReportAsync(talk.Phone, first, "failed", 30007);
        Assert.Equal(InboxDelivery.Sent, (await line.Inbox.MessagesAsync(talk.Id))[^1].Delivery);
    }

    [Fact]
    public async Task A_reply_the_provider_refuses_shows_its_error_code()
    {
        var (line, talk) = await OpenAsync();
        await using var _ = line;
        line.Fake.RefuseSends(1, 21211);

        await line.Inbox.ReplyAsync(talk.Id, HandoffLine.Staff, "Hello?");
        await line.PassesAsync();

        var failed = (await line.Inbox.MessagesAsync(talk.Id))[^1];
        Assert.Equal((InboxDelivery.Failed, "21211"), (failed.Delivery, failed.ErrorCode));
        Assert.Equal(InboxOutcome.Invalid, await line.Inbox.RetryAsync(talk.Id, failed.Number - 1, HandoffLine.Staff));
        Assert.Equal(InboxOutcome.ClaimedByAnother, await line.Inbox.RetryAsync(talk.Id, failed.Number, HandoffLine.OtherStaff));
        Assert.Equal(InboxOutcome.Done, await line.Inbox.RetryAsync(talk.Id, failed.Number, HandoffLine.Staff));
        await line.PassesAsync();
        Assert.Equal(["Hello?"], line.SentTo(Texter));
    }

    [Fact]
    public async Task Closing_sends_her_a_short_closing_text_and_her_next_digit_works_the_menu()
    {
        var (line, talk) = await OpenAsync();
        await using var _ = line;

        Assert.Equal(InboxOutcome.Done, await line.Inbox.CloseAsync(talk.Id, HandoffLine.Staff));
        await line.PassesAsync();

        Assert.Equal([HandoffLine.English.HandoffClosed], line.SentTo(Texter));
        Assert.EndsWith("closed the conversation. She was sent the closing text.", (await line.Inbox.MessagesAsync(talk.Id))[^1].Body);
        Assert.Empty(await line.Inbox.ListOpenAsync());
        Assert.Equal(InboxConversationState.Closed, (await line.Inbox.FindAsync(talk.Id))!.State);
        Assert.Equal(InboxOutcome.Closed, await line.Inbox.CloseAsync(talk.Id, HandoffLine.Staff));
        Assert.Equal(MenuReplies.After(3), await talk.Phone.TextAsync("3"));
    }

    [Fact]
    public async Task Silence_for_the_idle_time_with_no_word_from_staff_closes_it_with_the_sorry_text_and_the_next_digit_works_the_menu()
    {
        var (line, talk) = await OpenAsync();
        await using var _ = line;
        await line.AdvanceAsync(TimeSpan.FromMinutes(20));
        Assert.Null(await talk.Phone.TextAsync("still there?"));

        await line.AdvanceAsync(TimeSpan.FromMinutes(29));
        Assert.Single(await line.Inbox.ListOpenAsync());
        Assert.Empty(line.SentTo(Texter));

        await line.AdvanceAsync(TimeSpan.FromMinutes(2));
        await line.PassesAsync();

        Assert.Empty(await line.Inbox.ListOpenAsync());
        Assert.Equal([HandoffLine.English.HandoffClosedUnanswered], line.SentTo(Texter));
        Assert.Equal("Closed after 30 minutes without a text. No one had replied: she was sent the no-reply text, with 911 and the hotline.",
            (await line.Inbox.MessagesAsync(talk.Id))[^1].Body);
        Assert.Equal(MenuReplies.After(3), await talk.Phone.TextAsync("3"));
    }

    [Fact]
    public async Task A_closed_conversation_is_deleted_keep_for_after_it_closed()
    {
        var (line, talk) = await OpenAsync();
        await using var _ = line;
        await talk.Phone.TextAsync("zebra-marker-handoff");
        await line.Inbox.CloseAsync(talk.Id, HandoffLine.Staff);

        await line.AdvanceAsync(TimeSpan.FromHours(23));
        Assert.NotNull(await line.Inbox.FindAsync(talk.Id));
        Assert.Contains(await line.Inbox.MessagesAsync(talk.Id), m => m.Body == "zebra-marker-handoff");

        await line.AdvanceAsync(TimeSpan.FromHours(1));
        await line.PassesAsync();

        Assert.Null(await line.Inbox.FindAsync(talk.Id));
        Assert.Empty(await line.Inbox.MessagesAsync(talk.Id));
    }

    [Fact]
    public async Task Delete_removes_an_open_conversation_at_once_without_a_text_to_her()
    {
        var (line, talk) = await OpenAsync();
        await using var _ = line;

        Assert.Equal(InboxOutcome.Done, await line.Inbox.DeleteAsync(talk.Id, HandoffLine.OtherStaff));

        Assert.Null(await line.Inbox.FindAsync(talk.Id));
        Assert.Empty(await line.Inbox.ListOpenAsync());
        Assert.Equal(InboxOutcome.NotFound, await line.Inbox.ReplyAsync(talk.Id, HandoffLine.Staff, "Hi"));
        await line.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Empty(line.SentTo(Texter));
        // An hour of silence: her next text gets the welcome, as after any silence past the session timeout.
        Assert.StartsWith(HandoffLine.English.Welcome, await talk.Phone.TextAsync("3"));
        Assert.Equal(MenuReplies.After(3), await talk.Phone.TextAsync("3"));
    }

    [Fact]
    public async Task Events_announce_each_change_with_ids_only()
    {
        await using var line = await HandoffLine.StartAsync(onShift: false);
        var events = line.Factory.Services.GetRequiredService<IInboxEvents>();
        // Ended by the test once every event is in, not after a time: on a loaded machine the texts and passes below took
        // longer than the 20 s it once allowed, and the events after it were never heard.
        using var stop = new CancellationTokenSource();
        var seen = new List<InboxEvent>();
        var listening = Task.Run(async () =>
        {
            await foreach (var inboxEvent in events.SubscribeAsync(stop.Token))
            {
                lock (seen) seen.Add(inboxEvent);
            }
        });
        await Eventually.TrueAsync(() => ((InProcessInboxEvents)events).Subscribers == 1, "the subscription");

        await line.Shifts.GoOnAsync(HandoffLine.Staff);
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");
        var id = (await line.OnlyOpenAsync()).Id;
        await phone.TextAsync("hello");
        await line.Inbox.ClaimAsync(id, HandoffLine.Staff);
        await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hi");
        await line.PassesAsync();
        await phone.TextAsync("SOS");
        await line.Inbox.CloseAsync(id, HandoffLine.Staff);
        await line.Inbox.DeleteAsync(id, HandoffLine.Staff);

        InboxEventKind[] expected =
        [
            InboxEventKind.Shift, InboxEventKind.Opened, InboxEventKind.Message, InboxEventKind.Claimed, InboxEventKind.Message,
            InboxEventKind.Delivery, InboxEventKind.Message, InboxEventKind.Urgent, InboxEventKind.Closed, InboxEventKind.Deleted,
        ];
        await Eventually.TrueAsync(() => { lock (seen) return seen.Count >= expected.Length; }, "every event");
        await stop.CancelAsync();
        await listening;
        lock (seen)
        {
            Assert.Equal(expected, seen.Select(e => e.Kind));
            Assert.All(seen.Skip(1), e => Assert.Equal(id, e.ConversationId));
        }
    }
}
