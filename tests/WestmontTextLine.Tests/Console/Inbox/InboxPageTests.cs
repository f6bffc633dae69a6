using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Flows;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>The inbox as staff use it, through the real pages and the real inbox, with texters texting the line signed.</summary>
public sealed partial class InboxPageTests
{
    private static Flow Flow(TextLineFactory factory) => factory.Services.GetRequiredService<Flow>();

    [Fact]
    public async Task The_inbox_lists_urgent_first_then_the_longest_waiting_with_language_waiting_claim_and_answers_read_and_never_a_number()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        string[] numbers = ["+16305550182", "+16305550183", "+16305550184"];
        var (first, spanish, urgent) = (factory.CreateTwilioClient(numbers[0]), factory.CreateTwilioClient(numbers[1]), factory.CreateTwilioClient(numbers[2]));

        await first.TextAsync("hi");
        await first.TextAsync("3");
        await first.TextAsync("1");
        var (openReply, firstId) = await factory.TalkAsync(first);
        Assert.Equal(Flow(factory).Default.Messages.HandoffOpen, openReply);
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await spanish.TextAsync("hola");
        var (_, spanishId) = await factory.TalkAsync(spanish, "HABLAR");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var (_, urgentId) = await factory.TalkAsync(urgent);
        Assert.Equal(Flow(factory).Default.Messages.Emergency, await urgent.TextAsync("DANGER"));

        var page = await alice.GetPageAsync("/Inbox");
        Assert.Equal([urgentId, firstId, spanishId], RowIds(page));
        var rows = Rows(page);
        Assert.Contains("Urgent", rows[0]);
        Assert.Contains(factory.PseudonymOf(numbers[2]), rows[0]);
        Assert.Contains(factory.PseudonymOf(numbers[0]), rows[1]);
        Assert.Contains("3 min", rows[1]);
        Assert.Contains(Flow(factory).Default.Nodes["health_testing"].Label!, rows[1]);
        Assert.Contains("nobody yet", rows[1]);
        Assert.Contains("Spanish", rows[2]);
        Assert.Contains("On shift now: alice.", page);
        foreach (var number in numbers) Assert.DoesNotContain(number[2..], page);

        // The live part alone, as the page's script fetches it: the same rows, no page around them.
        var list = await alice.GetPageAsync("/Inbox?handler=List");
        Assert.Equal([urgentId, firstId, spanishId], RowIds(list));
        Assert.DoesNotContain("<html", list);

        var conversation = await alice.GetPageAsync($"/Inbox/{urgentId}");
        Assert.Contains("DANGER", conversation);
        foreach (var number in numbers) Assert.DoesNotContain(number[2..], conversation);
    }

    [Fact]
    public async Task Staff_claim_reply_with_a_referral_transfer_and_close_and_the_audit_log_names_the_pseudonym_never_a_body_or_number()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var bob = await factory.SignedInAsync("bob");
        await alice.GoOnShiftAsync();
        await bob.GoOnShiftAsync();
        const string number = "+16305550185";
        var texter = factory.CreateTwilioClient(number);
        var (_, id) = await factory.TalkAsync(texter);
        await texter.TextAsync("he has my papers");
        var pseudonym = factory.PseudonymOf(number);
        var path = $"/Inbox/{id}";

        using var claimed = await alice.PostFormAsync(path, [], handler: "Claim");
        Assert.Equal(ConsoleClient.Url(path), ConsoleClient.Where(claimed));
        var page = await alice.GetPageAsync(path);
        Assert.Contains("You have this conversation now.", page);
        Assert.Contains("he has my papers", page);
        Assert.Matches("id=\"claimed-by\">you<", page);
        // Bob sees it claimed by alice, and cannot claim it too.
        Assert.Matches("id=\"claimed-by\">alice<", await bob.GetPageAsync(path));
        using var bobClaims = await bob.PostFormAsync(path, [], handler: "Claim");
        Assert.Contains("Another staff member has this conversation", await bob.GetPageAsync(path));

        // Without script, "Insert referral" adds the directory's line to the reply and sends nothing.
        var hotline = Flow(factory).Referrals["trafficking_hotline"];
        using var inserted = await alice.PostFormAsync(path, [new("Body", "Hi, it's Alice from the line. You can call:"), new("Referral", hotline.Id)], handler: "Insert");
        var withReferral = WebUtility.HtmlDecode(Textarea().Match(await inserted.Content.ReadAsStringAsync()).Groups[1].Value);
        Assert.Equal($"Hi, it's Alice from the line. You can call:\n{ReferralChoices(factory, "en", hotline.Id)}", withReferral.Replace("\r\n", "\n"));
        Assert.Contains(hotline.Phone!, withReferral);
        Assert.Empty(fake.SentTo(number));

        using var replied = await alice.PostFormAsync(path, [new("Body", withReferral)], handler: "Reply");
        Assert.Equal(ConsoleClient.Url(path), ConsoleClient.Where(replied));
        Assert.Contains($"Sent to {pseudonym}.", await alice.GetPageAsync(path));
        await factory.SendOutboxAsync();
        var sent = Assert.Single(fake.SentTo(number));
        Assert.Equal(withReferral.Replace("\r\n", "\n"), sent.Form["Body"]);
        Assert.True(SmsText.IsGsm7(sent.Form["Body"]));

        // Only to a colleague's account: never to a name that is none.
        using var nobody = await alice.PostFormAsync(path, [new("to", "mallory")], handler: "Transfer");
        Assert.Contains("Choose a colleague&#x27;s account", await alice.GetPageAsync(path));
        Assert.Equal("alice", (await factory.ConversationAsync(id))!.ClaimedBy);
        using var transferred = await alice.PostFormAsync(path, [new("to", "BOB")], handler: "Transfer");
        Assert.Equal("bob", (await factory.ConversationAsync(id))!.ClaimedBy);
        Assert.Matches("id=\"claimed-by\">you<", await bob.GetPageAsync(path));

        using var closed = await bob.PostFormAsync(path, [], handler: "Close");
        Assert.Equal(InboxConversationState.Closed, (await factory.ConversationAsync(id))!.State);
        Assert.DoesNotContain(id, RowIds(await alice.GetPageAsync("/Inbox")));
        await factory.SendOutboxAsync();
        Assert.Equal(Flow(factory).Default.Messages.HandoffClosed, fake.SentTo(number)[^1].Form["Body"]);

        using var deleted = await alice.PostFormAsync(path, [new("confirm", "true")], handler: "Delete");
        Assert.Equal(ConsoleClient.Url("/Inbox"), ConsoleClient.Where(deleted));
        Assert.Contains($"Deleted the conversation with {pseudonym}", await alice.GetPageAsync("/Inbox"));
        Assert.Null(await factory.ConversationAsync(id));
        using var gone = await alice.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("no longer there", await gone.Content.ReadAsStringAsync());

        var audit = (await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100)).Reverse().ToList();
        string[] expected =
        [
            $"alice {ConsoleAuditActions.ShiftOn} ",
            $"bob {ConsoleAuditActions.ShiftOn} ",
            $"alice {ConsoleAuditActions.ConversationClaimed} conversation {id}",
            $"bob {ConsoleAuditActions.ConversationRead} conversation {id} (held by alice)",
            $"alice {ConsoleAuditActions.ConversationReplied} conversation {id}",
            $"alice {ConsoleAuditActions.ConversationTransferred} conversation {id} to bob",
            $"bob {ConsoleAuditActions.ConversationClosed} conversation {id}",
            $"alice {ConsoleAuditActions.ConversationRead} conversation {id} (held by bob)",
            $"alice {ConsoleAuditActions.ConversationDeleted} conversation {id}",
        ];
        Assert.Equal(expected, audit.Where(e => e.Action.StartsWith("inbox.", StringComparison.Ordinal) || e.Action.StartsWith("shift.", StringComparison.Ordinal))
            .Select(e => $"{e.Actor} {e.Action} {e.Target}"));
        foreach (var entry in audit)
        {
            Assert.DoesNotContain(number[2..], entry.Actor + entry.Target);
            Assert.DoesNotContain("papers", entry.Target);
            Assert.DoesNotContain("Alice from the line", entry.Target);
        }
    }

    [Fact]
    public async Task The_reply_meter_counts_segments_and_warns_when_a_locked_phone_would_show_a_sensitive_word()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient("+16305550186"));
        var path = $"/Inbox/{id}";

        var plain = await MeterAsync(alice, path, "Hi, it's Ana from the line. How can I help?");
        Assert.Equal("1 segment, GSM-7: 43 of 160 characters", plain.GetProperty("summary").GetString());
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("lockScreen").ValueKind);
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("problem").ValueKind);

        var telling = await MeterAsync(alice, path, "Police can help you leave. Call me back.");
        Assert.Contains("\"Police\"", telling.GetProperty("lockScreen").GetString());
        // The same word further in, past what a lock screen shows: no warning.
        var later = await MeterAsync(alice, path, "Hi, it's Ana from the line. When you are ready, the police can help.");
        Assert.Equal(JsonValueKind.Null, later.GetProperty("lockScreen").ValueKind);

        // Curly quotes become straight ones when sent, so they cost nothing; an emoji cannot be sent at all.
        var curly = await MeterAsync(alice, path, "It\u2019s Ana \u2013 text back anytime.");
        Assert.StartsWith("1 segment, GSM-7", curly.GetProperty("summary").GetString());
        Assert.Equal(JsonValueKind.Null, curly.GetProperty("problem").ValueKind);
        var emoji = await MeterAsync(alice, path, "Take care \U0001F49C");
        Assert.Contains("\U0001F49C", emoji.GetProperty("problem").GetString());

        var tooLong = await MeterAsync(alice, path, new string('a', 3 * SmsText.MultiSegmentSeptets + 1));
        Assert.Equal(4, tooLong.GetProperty("segments").GetInt32());
        Assert.Contains("Longer than 3 segments", tooLong.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task A_reply_refused_because_she_opted_out_says_so_plainly_and_offers_no_retry()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        var texter = factory.CreateTwilioClient("+16305550188");
        var (_, id) = await factory.TalkAsync(texter);
        var path = $"/Inbox/{id}";
        using var claimed = await alice.PostFormAsync(path, [], handler: "Claim");
        fake.RefuseSends(1, 21610);
        using var replied = await alice.PostFormAsync(path, [new("Body", "Hi, it's Alice from the line.")], handler: "Reply");
        await factory.SendOutboxAsync();

        var page = await alice.GetPageAsync(path);
        Assert.Contains("not delivered: she opted out of texts (STOP), so no reply can reach her (Twilio error 21610)", page);
        Assert.DoesNotContain("handler=Retry", page);
        Assert.DoesNotContain("Exception", page);
    }

    [Fact]
    public async Task A_reply_the_carrier_did_not_deliver_shows_twilios_error_code_and_retry_sends_it_again()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        const string number = "+16305550187";
        var texter = factory.CreateTwilioClient(number);
        var (_, id) = await factory.TalkAsync(texter);
        var path = $"/Inbox/{id}";
        using var claimed = await alice.PostFormAsync(path, [], handler: "Claim");
        using var replied = await alice.PostFormAsync(path, [new("Body", "Hi, it's Alice. Are you safe to text?")], handler: "Reply");
        await factory.SendOutboxAsync();
        var sent = Assert.Single(fake.SentTo(number));
        var message = Assert.Single(fake.Messages, m => m.To == number);

        using var report = await ProviderTextLine.ReportAsync(texter, sent.Form["StatusCallback"], message.Sid, "undelivered", 30007);
        Assert.True(report.IsSuccessStatusCode, $"{(int)report.StatusCode}");
        var page = await alice.GetPageAsync(path);
        Assert.Contains("not delivered: her carrier filtered it; try other words (Twilio error 30007)", page);
        var failed = Assert.Single(await factory.MessagesAsync(id), m => m.Delivery == InboxDelivery.Failed);

        using var retried = await alice.PostFormAsync(path, [new("number", failed.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))], handler: "Retry");
        Assert.Contains("Sending it again.", await alice.GetPageAsync(path));
        await factory.SendOutboxAsync();
        Assert.Equal(2, fake.SentTo(number).Count);
        Assert.Equal("Hi, it's Alice. Are you safe to text?", fake.SentTo(number)[^1].Form["Body"]);
        var audit = await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(20);
        Assert.Contains(audit, e => e.Actor == "alice" && e.Action == ConsoleAuditActions.ReplyRetried);
    }

    [Theory]
    [InlineData(30034, "not delivered: not her number: the line's number is not registered for A2P 10DLC")]
    [InlineData(30004, "not delivered: her phone or her carrier blocks texts from this line (Twilio error 30004)")]
    public async Task A_reply_failed_for_the_lines_own_number_says_so_not_that_her_number_is_at_fault(int code, string shown)
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        const string number = "+16305550186";
        var texter = factory.CreateTwilioClient(number);
        var (_, id) = await factory.TalkAsync(texter);
        var path = $"/Inbox/{id}";
        using var claimed = await alice.PostFormAsync(path, [], handler: "Claim");
        using var replied = await alice.PostFormAsync(path, [new("Body", "Hi, it's Alice from the line.")], handler: "Reply");
        await factory.SendOutboxAsync();
        var sent = Assert.Single(fake.SentTo(number));
        var message = Assert.Single(fake.Messages, m => m.To == number);

        using var report = await ProviderTextLine.ReportAsync(texter, sent.Form["StatusCallback"], message.Sid, "undelivered", code);

        var page = System.Net.WebUtility.HtmlDecode(await alice.GetPageAsync(path));
        Assert.Contains(shown, page);
        Assert.Contains("handler=Retry", page);
    }

    [Fact]
    public async Task The_shift_button_shows_who_is_on_shift_and_signing_out_ends_the_shift()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var bob = await factory.SignedInAsync("bob");
        var home = await alice.GetPageAsync("/");
        Assert.Contains("Nobody is on shift", home);
        Assert.Contains($"Staffed hours: {InboxLine.AllWeek} (America/Chicago)", home);
        Assert.DoesNotContain("id=\"cannot-send\"", home);
        Assert.Contains(">Go on shift<", home);
        var messages = Flow(factory).Default.Messages;
        Assert.NotEqual(messages.HandoffOpen, await factory.CreateTwilioClient("+16305550188").TextAsync("TALK"));

        await alice.GoOnShiftAsync();
        Assert.Contains(">Go off shift<", await alice.GetPageAsync("/"));
        var bobsInbox = await bob.GetPageAsync("/Inbox");
        Assert.Contains("On shift now: alice.", bobsInbox);
        Assert.Contains(">Go on shift<", bobsInbox);
        Assert.Equal(messages.HandoffOpen, await factory.CreateTwilioClient("+16305550189").TextAsync("TALK"));

        var token = TokenPattern().Match(await alice.GetPageAsync("/"));
        using var signedOut = await alice.PostWithoutTokenAsync("/SignOut", [new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]);
        Assert.Empty(await factory.Services.GetRequiredService<IShifts>().OnShiftAsync());
        Assert.NotEqual(messages.HandoffOpen, await factory.CreateTwilioClient("+16305550190").TextAsync("TALK"));
        var audit = (await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(20)).Select(e => $"{e.Actor} {e.Action}").ToList();
        Assert.Contains($"alice {ConsoleAuditActions.ShiftOn}", audit);
        Assert.Contains($"alice {ConsoleAuditActions.ShiftOff}", audit);
    }

    [Fact]
    public async Task Without_a_twilio_account_the_shift_panel_says_texters_are_told_no_one_can_answer()
    {
        using var factory = new TextLineFactory();
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        var inbox = await alice.GetPageAsync("/Inbox");
        Assert.Contains("id=\"cannot-send\"", inbox);
        Assert.Contains("On shift now: alice.", inbox);
        Assert.NotEqual(Flow(factory).Default.Messages.HandoffOpen, await factory.CreateTwilioClient("+16305550193").TextAsync("TALK"));
    }

    private static string ReferralChoices(TextLineFactory factory, string language, string id) =>
        WestmontTextLine.Console.Inbox.ReferralChoices.Find(Flow(factory), language, id)!.Text;

    private static async Task<JsonElement> MeterAsync(ConsoleClient client, string path, string body)
    {
        using var response = await client.PostFormAsync(path, [new("Body", body)], handler: "Meter");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static IReadOnlyList<string> RowIds(string page) => [.. RowPattern().Matches(page).Select(m => m.Groups[1].Value)];

    private static IReadOnlyList<string> Rows(string page) => [.. RowPattern().Matches(page).Select(m => m.Groups[2].Value)];

    [GeneratedRegex("<tr[^>]*data-conversation=\"([^\"]+)\"[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<textarea[^>]*id=\"reply-body\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex Textarea();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
