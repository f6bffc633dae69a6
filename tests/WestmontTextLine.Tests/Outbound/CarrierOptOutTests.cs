using WestmontTextLine.Flows;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// Twilio's 21610 ("unsubscribed recipient": the number replied STOP at the carrier) is an opt-out the line records
/// as its own: no later text is sent to that number, until it texts START, and what her own STOP ends ends too.
/// </summary>
public sealed class CarrierOptOutTests
{
    private const string Texter = "+16305558201";
    private const string Contact = "+16305558202";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    private int PostsTo(CheckInLine line, string number) =>
        line.Fake.Requests.Count(r => r.Method == "POST" && r.Form.GetValueOrDefault("To") == number);

    [Fact]
    public async Task A_text_refused_with_21610_opts_the_number_out_and_nothing_more_is_sent_to_it()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 30");

        line.Fake.RefuseSends(1, 21610);
        await line.AdvanceAsync(TimeSpan.FromMinutes(30)); // the check-in text: refused, she opted out at the carrier
        await line.PassesAsync();
        Assert.Equal(1, PostsTo(line, Texter));

        await line.AdvanceAsync(TimeSpan.FromMinutes(11)); // the grace ends: her 911 text is not sent to a number that opted out
        await line.PassesAsync();
        Assert.Equal(1, PostsTo(line, Texter));
        Assert.Empty(line.SentTo(Texter));
        Assert.Null(await texter.TextAsync("hi")); // silence, as after her own STOP

        Assert.Contains(English.StartConfirm, await texter.TextAsync("START"));
        await texter.TextAsync("CHECK 5");
        await line.AdvanceAsync(TimeSpan.FromMinutes(5));
        await line.PassesAsync();
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));
    }

    [Fact]
    public async Task A_number_that_never_texted_the_line_refused_with_21610_is_never_texted_again()
    {
        await using var line = await CheckInLine.StartAsync(staff: true); // the on-call phone never texts the line
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CODEWORD pineapple");
        line.Fake.RefuseSends(1, 21610);
        Assert.Equal(English.CodeWordAck, await texter.TextAsync("pineapple"));
        await line.PassesAsync();
        Assert.Equal(1, PostsTo(line, CheckInLine.StaffNumber));

        Assert.Equal(English.CodeWordAck, await texter.TextAsync("pineapple"));
        await line.PassesAsync();
        Assert.Equal(1, PostsTo(line, CheckInLine.StaffNumber));
    }

    [Fact]
    public async Task A_check_in_text_refused_with_21610_ends_her_check_in_as_her_stop_would_and_her_contact_is_not_alerted()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8202 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");
        await line.PassesAsync();
        await texter.TextAsync("CHECK 30");

        line.Fake.RefuseSends(1, 21610);
        await line.AdvanceAsync(TimeSpan.FromMinutes(30)); // the check-in text: refused, she said STOP at the carrier
        await line.PassesAsync();
        await line.AdvanceAsync(TimeSpan.FromMinutes(11)); // past the grace
        await line.PassesAsync();

        Assert.Single(line.SentTo(Contact)); // the request only: no alert for a check-in she stopped
        Assert.Empty(line.SentTo(CheckInLine.StaffNumber));
        Assert.Equal([English.BuddyAgreed], line.SentTo(Texter));

        // Back with START, nothing of the old plan is left: OK finds no check-in and no missed one.
        Assert.Contains(English.StartConfirm, await texter.TextAsync("START"));
        Assert.NotEqual(English.CheckInLateContact, await texter.TextAsync("OK"));
        Assert.NotEqual(English.CheckInLate, await texter.TextAsync("OK"));
        Assert.NotEqual(English.BuddyThanks, await line.Phone(Contact).TextAsync("YES")); // no longer anyone's contact: the menu answers
    }

    /// <summary>She asked for a person and staff took the conversation.</summary>
    private static async Task<(HandoffLine Line, Web.TwilioClient Texter, string ConversationId)> InChatWithStaffAsync()
    {
        var line = await HandoffLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("TALK");
        var id = (await line.OnlyOpenAsync()).Id;
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ClaimAsync(id, HandoffLine.Staff));
        return (line, texter, id);
    }

    [Fact]
    public async Task A_staff_reply_refused_with_21610_closes_her_conversation_as_her_stop_would()
    {
        var (line, texter, id) = await InChatWithStaffAsync();
        await using var _ = line;

        line.Fake.RefuseSends(1, 21610);
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Are you safe to text?"));
        await line.PassesAsync();

        Assert.Empty(await line.Inbox.ListOpenAsync());
        var messages = await line.Inbox.MessagesAsync(id);
        Assert.Contains(messages, m => m.Body == HandoffService.TexterOptedOut);
        Assert.Contains(messages, m => m.Body == "Are you safe to text?" && m.ErrorCode == "21610");
        Assert.Equal(InboxOutcome.Closed, await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hello?"));
        Assert.Null(await texter.TextAsync("hello?"));
        await line.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Empty(line.SentTo(Texter));

        Assert.Contains(HandoffLine.English.StartConfirm, await texter.TextAsync("START"));
        Assert.Equal(MenuReplies.After(3), await texter.TextAsync("3")); // the menu, not the closed chat
    }

    [Fact]
    public async Task A_reply_whose_status_callback_says_21610_opts_the_number_out()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var texter = factory.CreateTwilioClient(TestNumbers.Next());

        await ProviderTextLine.TextAndDeliverAsync(texter, fake, "hi", "failed", errorCode: 21610);

        Assert.Null(await texter.TextAsync("1")); // silence, as after her own STOP: Twilio would refuse the reply anyway
        Assert.Contains(English.StartConfirm, await texter.TextAsync("START"));
    }

    [Fact]
    public async Task A_staff_reply_whose_status_callback_says_21610_closes_her_conversation()
    {
        var (line, texter, id) = await InChatWithStaffAsync();
        await using var _ = line;
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Are you safe to text?"));
        await line.PassesAsync();

        await line.ReportAsync(texter, line.SentMessagesTo(Texter).Single(), "failed", 21610);

        Assert.Empty(await line.Inbox.ListOpenAsync());
        Assert.Equal(InboxOutcome.Closed, await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hello?"));
        Assert.Null(await texter.TextAsync("hello?"));
    }
}
