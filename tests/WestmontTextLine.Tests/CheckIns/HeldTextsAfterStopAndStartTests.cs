using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Records;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Texts about her check-in held in the outbox while Twilio refused every text (her check-in text, the on-call phone's
/// alert, her contact's alert), then her STOP, then her START before Twilio took texts again. STOP had ended the
/// check-in they were about, but the outbox dropped them only while her session said she was opted out: after her START
/// they went out ("their contact was told...", "Reply OK if you are all right." about a check-in that no longer ran).
/// Her STOP withdraws them for good; what she asks for after her START still goes, and another texter's are untouched.
/// </summary>
public sealed class HeldTextsAfterStopAndStartTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task A_missed_check_in_held_over_her_stop_is_not_sent_after_her_start(string store)
    {
        using var redis = store == "redis" ? RedisServer.Start() : null;
        await using var line = await CheckInLine.StartOnAsync(redis, staff: true);
        var texter = await CheckingInAsync(line);
        await line.RefuseTextsWhileCheckIn30LapsesAsync();
        var sentToHer = line.SentTo(texter).Count;

        await line.StopThenStartAsync(texter);
        await line.TwilioTakesTextsAgainAsync();

        Assert.Empty(line.SentTo(CheckInLine.StaffNumber));
        Assert.Equal(sentToHer, line.SentTo(texter).Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task Her_contacts_alert_held_over_her_stop_is_not_sent_after_her_start(string store)
    {
        using var redis = store == "redis" ? RedisServer.Start() : null;
        await using var line = await CheckInLine.StartOnAsync(redis, staff: true);
        var (texter, contact) = await line.AgreedAsync();
        await line.Phone(texter).TextAsync("CHECK 30");
        await line.PassesAsync();
        var sentToContact = line.SentTo(contact).Count;
        await line.RefuseTextsWhileCheckIn30LapsesAsync();

        await line.StopThenStartAsync(texter);
        await line.TwilioTakesTextsAgainAsync();

        Assert.Equal(sentToContact, line.SentTo(contact).Count);
        Assert.Empty(line.SentTo(CheckInLine.StaffNumber));
    }

    [Fact]
    public async Task A_code_word_alert_held_over_her_stop_is_not_sent_after_her_start()
    {
        await using var line = await CheckInLine.StartOnAsync(null, staff: true);
        var (texter, contact) = await line.AgreedAsync();
        await line.Phone(texter).TextAsync("CODEWORD pineapple");
        var sentToContact = line.SentTo(contact).Count;
        line.Fake.RejectCredentials = true;
        await line.Phone(texter).TextAsync("pineapple");
        await line.PassesAsync();

        await line.StopThenStartAsync(texter);
        await line.TwilioTakesTextsAgainAsync();

        Assert.Equal(sentToContact, line.SentTo(contact).Count);
        Assert.Empty(line.SentTo(CheckInLine.StaffNumber));
    }

    [Fact]
    public async Task The_follow_up_of_her_contacts_undelivered_alert_held_over_her_stop_is_not_sent_after_her_start()
    {
        await using var line = await CheckInLine.StartOnAsync(null, staff: true);
        var texter = await line.ContactAlertUndeliveredWhileTextsRefusedAsync();

        await line.StopThenStartAsync(texter);
        await line.TwilioTakesTextsAgainAsync();

        Assert.Single(line.SentTo(CheckInLine.StaffNumber));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task A_check_in_she_sets_after_her_start_still_alerts_the_on_call_phone(string store)
    {
        using var redis = store == "redis" ? RedisServer.Start() : null;
        await using var line = await CheckInLine.StartOnAsync(redis, staff: true);
        var texter = await CheckingInAsync(line);
        await line.RefuseTextsWhileCheckIn30LapsesAsync();
        await line.StopThenStartAsync(texter);

        await line.Phone(texter).TextAsync("CHECK 30");
        await line.RefuseTextsWhileCheckIn30LapsesAsync();
        await line.TwilioTakesTextsAgainAsync();

        // The new check-in's text to her and its alert; none of the first's.
        Assert.Single(line.SentTo(CheckInLine.StaffNumber));
        Assert.Single(line.SentTo(texter), body => body == CheckInText);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task Another_texters_held_alert_still_goes_out(string store)
    {
        using var redis = store == "redis" ? RedisServer.Start() : null;
        await using var line = await CheckInLine.StartOnAsync(redis, staff: true);
        var (her, other) = (await CheckingInAsync(line), await CheckingInAsync(line));
        await line.RefuseTextsWhileCheckIn30LapsesAsync();

        await line.StopThenStartAsync(her);
        await line.TwilioTakesTextsAgainAsync();

        var keys = line.Factory.Services.GetRequiredService<SenderKeys>();
        Assert.Contains(Pseudonym.Of(keys.KeyOf(other)), Assert.Single(line.SentTo(CheckInLine.StaffNumber)));
        Assert.Single(line.SentTo(other), body => body == CheckInText);
        Assert.Empty(line.SentTo(her));
    }

    [Fact]
    public async Task Her_stop_is_noted_with_nothing_in_it_for_as_long_as_the_outbox_keeps_a_text_and_her_forget_deletes_the_note()
    {
        await using var line = await CheckInLine.StartOnAsync(null, staff: true);
        var texter = await CheckingInAsync(line);
        var records = line.Factory.Services.GetRequiredService<IPrivateRecords>();

        await line.Phone(texter).TextAsync("STOP");
        var now = line.Factory.Clock.GetUtcNow();
        var key = await records.AnyKeyAsync(StopsOfHeldTexts.Kind, now);
        var note = await records.GetAsync(StopsOfHeldTexts.Kind, key!, now);
        Assert.Empty(note!.Payload);
        Assert.Equal((now + StopsOfHeldTexts.KeptFor).ToUnixTimeMilliseconds(), note.ExpiresAt!.Value.ToUnixTimeMilliseconds());
        Assert.DoesNotContain(line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(texter), key, StringComparison.Ordinal);

        await line.Phone(texter).TextAsync("START");
        await line.Phone(texter).TextAsync("FORGET");
        Assert.Null(await records.AnyKeyAsync(StopsOfHeldTexts.Kind, now));
    }

    private static readonly string CheckInText = EngineHarness.Flow.Language("en").Messages.CheckInDue;

    /// <summary>A new texter with no contact who asked to be checked on in 30 minutes: her number.</summary>
    private static async Task<string> CheckingInAsync(CheckInLine line)
    {
        var texter = TestNumbers.Next();
        await line.Phone(texter).TextAsync("hi");
        await line.Phone(texter).TextAsync("CHECK 30");
        return texter;
    }
}
