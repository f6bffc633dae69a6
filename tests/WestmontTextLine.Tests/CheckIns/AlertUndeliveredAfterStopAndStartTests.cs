using WestmontTextLine.Flows;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A text to her safety contact sent before her STOP (the alert of her missed check-in or of her code word, the request
/// to be her contact), reported undelivered by the carrier after her STOP, her START and a new plan. The line checked
/// only that she had a plan, not that it was the plan the text was about, and told her and the on-call phone that "the
/// contact was not reached" about a plan her STOP had ended. A report about her new plan's alert still tells them both.
/// </summary>
public sealed class AlertUndeliveredAfterStopAndStartTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task A_missed_check_ins_alert_from_before_her_stop_reported_undelivered_tells_no_one(string store)
    {
        using var redis = store == "redis" ? RedisServer.Start() : null;
        await using var line = await CheckInLine.StartOnAsync(redis, staff: true);
        var (texter, contact) = await line.AgreedAsync();
        var alert = await MissedCheckInAlertAsync(line, texter, contact);
        await line.StopThenStartAsync(texter);
        await line.Phone(texter).TextAsync("CHECK 30");

        await ReportedUndeliveredTellsNoOneAsync(line, texter, contact, alert);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task A_code_word_alert_from_before_her_stop_reported_undelivered_tells_the_on_call_phone_nothing(string store)
    {
        using var redis = store == "redis" ? RedisServer.Start() : null;
        await using var line = await CheckInLine.StartOnAsync(redis, staff: true);
        var (texter, contact) = await line.AgreedAsync();
        await line.Phone(texter).TextAsync("CODEWORD pineapple");
        Assert.Equal(English.CodeWordAck, await line.Phone(texter).TextAsync("pineapple"));
        await line.PassesAsync();
        var alert = SentWith(line, contact, "alert_codeword");
        await line.StopThenStartAsync(texter);
        Assert.Equal(English.CodeWordSetNoContact, await line.Phone(texter).TextAsync("CODEWORD mango"));

        await ReportedUndeliveredTellsNoOneAsync(line, texter, contact, alert);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task A_request_from_before_her_stop_reported_undelivered_leaves_the_same_contact_asked_again_since(string store)
    {
        using var redis = store == "redis" ? RedisServer.Start() : null;
        await using var line = await CheckInLine.StartOnAsync(redis, staff: true);
        var (texter, contact) = await line.AskedAsync();
        var request = SentWith(line, contact, "buddy_request");
        await line.StopThenStartAsync(texter);
        await line.AdvanceAsync(TimeSpan.FromDays(1)); // one contact asked a day
        Assert.Equal(English.BuddyRequested, await line.Phone(texter).TextAsync($"BUDDY {contact} Ana"));
        await line.PassesAsync();

        await ReportedUndeliveredTellsNoOneAsync(line, texter, contact, request); // not "We could not reach your safety contact"
        await line.Phone(contact).TextAsync("YES");
        await line.PassesAsync();
        Assert.Equal(English.BuddyAgreed, line.SentTo(texter)[^1]); // still her contact asked
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task A_report_about_her_new_plans_alert_still_tells_her_and_the_on_call_phone(string store)
    {
        using var redis = store == "redis" ? RedisServer.Start() : null;
        await using var line = await CheckInLine.StartOnAsync(redis, staff: true);
        var lapsed = await NewPlanLapsedAfterStopAndStartAsync(line);
        var sentToOnCall = line.SentTo(CheckInLine.StaffNumber).Count;

        await ReportUndeliveredAsync(line, lapsed.Contact, lapsed.AlertBefore);
        await ReportUndeliveredAsync(line, lapsed.NewContact, lapsed.Alert);

        Assert.Equal(English.CheckInMissedUnreached, Assert.Single(line.SentTo(lapsed.Texter), body => body == English.CheckInMissedUnreached));
        Assert.Equal(sentToOnCall + 1, line.SentTo(CheckInLine.StaffNumber).Count);
        Assert.StartsWith("Westmont Text Line on-call: the alert to the safety contact", line.SentTo(CheckInLine.StaffNumber)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_from_before_her_stop_leaves_her_new_check_ins_late_ok_saying_her_contact_was_texted()
    {
        await using var line = await CheckInLine.StartOnAsync(null, staff: true);
        var lapsed = await NewPlanLapsedAfterStopAndStartAsync(line);

        await ReportUndeliveredAsync(line, lapsed.Contact, lapsed.AlertBefore);

        Assert.Equal(English.CheckInLateContact, await line.Phone(lapsed.Texter).TextAsync("OK"));
    }

    [Fact]
    public async Task An_alert_reported_undelivered_after_buddy_off_ended_her_plan_still_keeps_her_late_ok_from_saying_her_contact_was_texted()
    {
        await using var line = await CheckInLine.StartOnAsync(null, staff: true);
        var (texter, contact) = await line.AgreedAsync();
        var alert = await MissedCheckInAlertAsync(line, texter, contact);
        Assert.Equal(English.BuddyRemoved, await line.Phone(texter).TextAsync("BUDDY OFF"));

        await ReportUndeliveredAsync(line, contact, alert);

        Assert.Equal(English.CheckInLate, await line.Phone(texter).TextAsync("OK"));
    }

    private sealed record LapsedAfterStopAndStart(string Texter, string Contact, FakeTwilioMessage AlertBefore, string NewContact, FakeTwilioMessage Alert);

    /// <summary>
    /// Her check-in lapsed and alerted her contact; then her STOP and START, and a day later a new contact who agreed and
    /// a new check-in that lapsed and alerted them. Neither alert's fate reported yet.
    /// </summary>
    private static async Task<LapsedAfterStopAndStart> NewPlanLapsedAfterStopAndStartAsync(CheckInLine line)
    {
        var (texter, contact) = await line.AgreedAsync();
        var before = await MissedCheckInAlertAsync(line, texter, contact);
        await line.StopThenStartAsync(texter);
        await line.AdvanceAsync(TimeSpan.FromDays(1)); // one contact asked a day
        var newContact = TestNumbers.Next();
        await line.Phone(texter).TextAsync($"BUDDY {newContact} Ben");
        await line.PassesAsync();
        await line.Phone(newContact).TextAsync("YES");
        await line.PassesAsync();
        return new(texter, contact, before, newContact, await MissedCheckInAlertAsync(line, texter, newContact));
    }

    /// <summary>Her <c>CHECK 30</c> lapses and alerts her contact and the on-call phone: the alert to her contact.</summary>
    private static async Task<FakeTwilioMessage> MissedCheckInAlertAsync(CheckInLine line, string texter, string contact)
    {
        await line.Phone(texter).TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        return SentWith(line, contact, "alert_missed");
    }

    private static FakeTwilioMessage SentWith(CheckInLine line, string number, string label) =>
        line.Fake.Messages.Single(m => m.To == number && m.StatusCallback!.Contains($"n={label}", StringComparison.Ordinal));

    private static async Task ReportUndeliveredAsync(CheckInLine line, string number, FakeTwilioMessage sent)
    {
        await ProviderTextLine.ReportAsync(line.Phone(number), sent.StatusCallback!, sent.Sid, "undelivered", 30003);
        await line.PassesAsync();
    }

    /// <summary>The carrier reports her contact's text undelivered: nothing more is sent to her or to the on-call phone.</summary>
    private static async Task ReportedUndeliveredTellsNoOneAsync(CheckInLine line, string texter, string contact, FakeTwilioMessage sent)
    {
        var (sentToHer, sentToOnCall) = (line.SentTo(texter).Count, line.SentTo(CheckInLine.StaffNumber).Count);
        await ReportUndeliveredAsync(line, contact, sent);
        Assert.Equal(sentToHer, line.SentTo(texter).Count);
        Assert.Equal(sentToOnCall, line.SentTo(CheckInLine.StaffNumber).Count);
    }

}
