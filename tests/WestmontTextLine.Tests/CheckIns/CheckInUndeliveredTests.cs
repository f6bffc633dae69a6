using WestmontTextLine.Tests.Web;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// The texts to a safety contact that she relies on, when the provider refuses them or the carrier does not deliver
/// them: she is told, and never told that her contact was texted when they were not.
/// </summary>
public sealed class CheckInUndeliveredTests
{
    private const string Texter = "+16305558101";
    private const string Contact = "+16305558102";
    private const string Other = "+16305558103";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;
    private static Messages Spanish => EngineHarness.Flow.Language("es").Messages;

    /// <summary>A texter whose contact agreed and whose 30-minute check-in text went out; the grace is running.</summary>
    private static async Task<CheckInLine> LapsingAsync(bool spanish = false, bool staff = false)
    {
        var line = await CheckInLine.StartAsync(staff: staff);
        var texter = line.Phone(Texter);
        await texter.TextAsync(spanish ? "hola" : "hi");
        await texter.TextAsync(spanish ? "CONTACTO 630-555-8102 Ana" : "BUDDY 630-555-8102 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync(spanish ? "SI" : "YES");
        await texter.TextAsync(spanish ? "AVISAME 30" : "CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.PassesAsync();
        return line;
    }

    [Theory]
    [InlineData(21614)] // not a mobile number
    [InlineData(21610)] // opted out at the carrier
    [InlineData(21408)] // region not enabled
    public async Task A_refused_alert_tells_her_911_and_the_hotline_and_a_late_ok_does_not_say_her_contact_was_texted(int code)
    {
        await using var line = await LapsingAsync();
        Assert.Equal([English.BuddyAgreed, English.CheckInDue], line.SentTo(Texter));

        line.Fake.RefuseSends(1, code);
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();

        Assert.Single(line.SentTo(Contact)); // the request only: the alert was refused
        Assert.Equal([English.BuddyAgreed, English.CheckInDue, English.CheckInMissedUnreached], line.SentTo(Texter));
        Assert.Contains("911", English.CheckInMissedUnreached);
        Assert.Contains("1-888-373-7888", English.CheckInMissedUnreached);
        Assert.Equal(English.CheckInLate, await line.Phone(Texter).TextAsync("OK"));
    }

    [Theory]
    [InlineData("undelivered", 30003)] // unreachable handset
    [InlineData("failed", 30005)] // unknown destination
    [InlineData("undelivered", 30006)] // landline
    [InlineData("undelivered", 30007)] // carrier filtered
    public async Task An_alert_the_carrier_did_not_deliver_tells_her_too_once(string status, int code)
    {
        await using var line = await LapsingAsync(spanish: true);
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
        var alert = line.Fake.Messages.Single(m => m.To == Contact && m.StatusCallback!.Contains("n=alert_missed", StringComparison.Ordinal));
        Assert.Equal(2, line.SentTo(Texter).Count); // agreed, checking in: nothing new until the carrier's word

        await ProviderTextLine.ReportAsync(line.Phone(Contact), alert.StatusCallback!, alert.Sid, status, code);
        await ProviderTextLine.ReportAsync(line.Phone(Contact), alert.StatusCallback!, alert.Sid, "failed", code); // a second report
        await line.PassesAsync();

        Assert.Equal([Spanish.BuddyAgreed, Spanish.CheckInDue, Spanish.CheckInMissedUnreached], line.SentTo(Texter));
        Assert.Equal(Spanish.CheckInLate, await line.Phone(Texter).TextAsync("ESTOY BIEN"));
    }

    [Fact]
    public async Task An_alert_reported_undelivered_after_her_late_ok_does_not_say_she_did_not_reply_ok()
    {
        await using var line = await LapsingAsync();
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
        var alert = line.Fake.Messages.Single(m => m.To == Contact && m.StatusCallback!.Contains("n=alert_missed", StringComparison.Ordinal));
        Assert.Equal(English.CheckInLateContact, await line.Phone(Texter).TextAsync("OK")); // before the carrier's word

        await ProviderTextLine.ReportAsync(line.Phone(Contact), alert.StatusCallback!, alert.Sid, "undelivered", 30003);
        await line.PassesAsync();

        Assert.Equal([English.BuddyAgreed, English.CheckInDue, English.BuddyUnreachable], line.SentTo(Texter));
    }

    [Fact]
    public async Task The_on_call_phone_hears_that_the_alert_to_her_contact_was_not_delivered()
    {
        await using var line = await LapsingAsync(staff: true);
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
        var alert = line.Fake.Messages.Single(m => m.To == Contact && m.StatusCallback!.Contains("n=alert_missed", StringComparison.Ordinal));
        var onCall = Assert.Single(line.SentTo(CheckInLine.StaffNumber));
        Assert.Contains("Their contact was told", onCall);

        await ProviderTextLine.ReportAsync(line.Phone(Contact), alert.StatusCallback!, alert.Sid, "undelivered", 30003);
        await line.PassesAsync();

        Assert.Equal(2, line.SentTo(CheckInLine.StaffNumber).Count);
        var pseudonym = onCall[(onCall.IndexOf("Texter ", StringComparison.Ordinal))..][..11];
        Assert.Equal(English.AlertStaffUnreached.Replace("{texter}", pseudonym, StringComparison.Ordinal), line.SentTo(CheckInLine.StaffNumber)[^1]);
        Assert.Equal(English.CheckInMissedUnreached, line.SentTo(Texter)[^1]);
    }

    /// <summary>Her contact asked and agreed, and her code word "pineapple" set: what a code word alert needs.</summary>
    private static async Task<TwilioClient> WithAgreedContactAndCodeWordAsync(CheckInLine line)
    {
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8102 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");
        await texter.TextAsync("CODEWORD pineapple");
        return texter;
    }

    [Fact]
    public async Task A_code_word_alert_the_carrier_did_not_deliver_tells_the_on_call_phone_and_never_her()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var texter = await WithAgreedContactAndCodeWordAsync(line);
        Assert.Equal(English.CodeWordAck, await texter.TextAsync("pineapple"));
        await line.PassesAsync();
        var alert = line.Fake.Messages.Single(m => m.To == Contact && m.StatusCallback!.Contains("n=alert_codeword", StringComparison.Ordinal));
        Assert.Single(line.SentTo(CheckInLine.StaffNumber));

        await ProviderTextLine.ReportAsync(line.Phone(Contact), alert.StatusCallback!, alert.Sid, "undelivered", 30006);
        await line.PassesAsync();

        Assert.Equal(2, line.SentTo(CheckInLine.StaffNumber).Count);
        Assert.Contains("could not be delivered", line.SentTo(CheckInLine.StaffNumber)[^1]);
        Assert.Equal([English.BuddyAgreed], line.SentTo(Texter)); // her phone shows nothing after a code word
    }

    [Fact]
    public async Task A_code_word_alert_refused_at_send_tells_the_on_call_phone()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var texter = await WithAgreedContactAndCodeWordAsync(line);
        line.Fake.RefuseSendsTo(Contact, 21614);
        await texter.TextAsync("pineapple");
        await line.PassesAsync();
        await line.PassesAsync();

        Assert.Contains(line.SentTo(CheckInLine.StaffNumber), text => text.Contains("could not be delivered", StringComparison.Ordinal));
        Assert.Equal([English.BuddyAgreed], line.SentTo(Texter));
    }

    [Fact]
    public async Task A_delivered_alert_keeps_the_late_ok_saying_her_contact_was_texted()
    {
        await using var line = await LapsingAsync();
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
        var alert = line.Fake.Messages.Single(m => m.To == Contact && m.StatusCallback!.Contains("n=alert_missed", StringComparison.Ordinal));

        await ProviderTextLine.ReportAsync(line.Phone(Contact), alert.StatusCallback!, alert.Sid, "delivered");
        await line.PassesAsync();

        Assert.Equal(2, line.SentTo(Texter).Count);
        Assert.Equal(English.CheckInLateContact, await line.Phone(Texter).TextAsync("OK"));
    }

    [Theory]
    [InlineData(21211)] // invalid number
    [InlineData(21614)] // not a mobile number
    public async Task A_refused_request_tells_her_and_she_may_name_someone_else_at_once(int code)
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        line.Fake.RefuseSends(1, code);

        Assert.Equal(English.BuddyRequested, await texter.TextAsync("BUDDY 630-555-8102 Ana"));
        await line.PassesAsync();
        await line.PassesAsync(); // her text is queued by the refusal, and goes out on the next pass

        Assert.Equal([English.BuddyUnreachable], line.SentTo(Texter));
        Assert.Equal(English.BuddyRequested, await texter.TextAsync("BUDDY 630-555-8103 Bea")); // not "one person a day"
        await line.PassesAsync();
        Assert.Single(line.SentTo(Other));
        Assert.Equal(English.CodeWordSetPending, await texter.TextAsync("CODEWORD pineapple")); // Bea is the contact asked now
    }

    [Theory]
    [InlineData(21212)] // invalid From number
    [InlineData(21606)] // From is not a message-capable number of the account
    [InlineData(21660)] // From belongs to another account
    public async Task A_request_refused_for_the_lines_own_sender_keeps_her_contact_and_goes_out_once_the_sender_is_fixed(int code)
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        line.Fake.RefuseSends(1, code);

        await texter.TextAsync("BUDDY 630-555-8102 Ana");
        await line.PassesAsync();
        await line.PassesAsync();

        Assert.Empty(line.SentTo(Texter)); // not "We could not reach your safety contact": their number is not at fault
        var health = await (await line.Factory.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync();
        Assert.Contains("Twilio:From", health);
        Assert.Contains($"({code})", health);
        Assert.Single(line.Factory.Logs.Lines, logged => logged.StartsWith("Error", StringComparison.Ordinal) && logged.Contains("Twilio:From", StringComparison.Ordinal));

        await line.AdvanceAsync(TimeSpan.FromMinutes(1)); // the operator fixed the setting: the fake takes sends again
        await line.PassesAsync();

        Assert.Single(line.SentTo(Contact));
        Assert.Empty(line.SentTo(Texter));
        Assert.Equal(English.CodeWordSetPending, await texter.TextAsync("CODEWORD pineapple")); // Ana is still the contact asked
        Assert.DoesNotContain(code.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await (await line.Factory.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_refused_as_opted_out_at_the_carrier_is_never_asked_again()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        line.Fake.RefuseSends(1, 21610);
        await texter.TextAsync("BUDDY 630-555-8102 Ana");
        await line.PassesAsync();
        await line.PassesAsync();
        Assert.Equal([English.BuddyUnreachable], line.SentTo(Texter));

        Assert.Equal(English.BuddyNotAsked, await texter.TextAsync("BUDDY 630-555-8102 Ana"));
        await line.PassesAsync();
        Assert.Empty(line.SentTo(Contact));
    }

    [Fact]
    public async Task A_request_the_carrier_did_not_deliver_tells_her_but_not_after_the_contact_agreed()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8102 Ana");
        await line.PassesAsync();
        var request = line.Fake.Messages.Single(m => m.To == Contact);

        await ProviderTextLine.ReportAsync(line.Phone(Contact), request.StatusCallback!, request.Sid, "undelivered", 30003);
        await line.PassesAsync();
        Assert.Equal([English.BuddyUnreachable], line.SentTo(Texter));
        Assert.Equal(English.CodeWordSetNoContact, await texter.TextAsync("CODEWORD pineapple"));
    }
}
