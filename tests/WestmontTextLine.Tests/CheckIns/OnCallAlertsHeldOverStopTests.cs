using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Records;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// An alert about her to the on-call phone (her missed check-in, her code word, or that her contact's alert was not
/// delivered) queued while Twilio refused every text (the outbox held, for up to a day), and her STOP or FORGET sent
/// meanwhile. The outbox knew only the number it texts, the on-call phone's, so once Twilio took texts again the
/// on-call phone was told to follow up about someone who had said STOP, or asked the line to forget her.
/// </summary>
public sealed class OnCallAlertsHeldOverStopTests
{
    [Theory]
    [InlineData("STOP")]
    [InlineData("FORGET")]
    public async Task A_missed_check_in_alert_held_in_the_outbox_does_not_reach_the_on_call_phone_after_her_stop_or_forget(string word)
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var texter = await CheckingInAsync(line);
        await line.RefuseTextsWhileCheckIn30LapsesAsync();

        await line.Phone(texter).TextAsync(word);
        await line.TwilioTakesTextsAgainAsync();

        Assert.Empty(line.SentTo(CheckInLine.StaffNumber));
        // Nothing is left of whom the alert was about.
        Assert.Null(await line.Factory.Services.GetRequiredService<IPrivateRecords>().AnyKeyAsync(SafetyPlans.SendKind, line.Factory.Clock.GetUtcNow()));
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("FORGET")]
    public async Task A_code_word_alert_held_in_the_outbox_does_not_reach_the_on_call_phone_after_her_stop_or_forget(string word)
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var texter = line.Phone(TestNumbers.Next());
        await texter.TextAsync("hi");
        await texter.TextAsync("CODEWORD pineapple");
        line.Fake.RejectCredentials = true;
        await texter.TextAsync("pineapple");
        await line.PassesAsync();

        await texter.TextAsync(word);
        await line.TwilioTakesTextsAgainAsync();

        Assert.Empty(line.SentTo(CheckInLine.StaffNumber));
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("FORGET")]
    public async Task The_follow_up_of_her_contacts_undelivered_alert_held_in_the_outbox_does_not_reach_the_on_call_phone_after_her_stop_or_forget(string word)
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var texter = await line.ContactAlertUndeliveredWhileTextsRefusedAsync();

        await line.Phone(texter).TextAsync(word);
        await line.TwilioTakesTextsAgainAsync();

        Assert.Single(line.SentTo(CheckInLine.StaffNumber));
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("FORGET")]
    public async Task An_alert_about_someone_else_held_with_hers_still_reaches_the_on_call_phone(string word)
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        await OnlyTheOtherAlertGoesOutAsync(line, word);
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("FORGET")]
    public async Task On_redis_too_only_the_alert_about_someone_else_goes_out(string word)
    {
        using var redis = RedisServer.Start();
        await using var line = await CheckInLine.StartAsync(new RedisTextLineFactory(redis.ConnectionString), staff: true);
        await OnlyTheOtherAlertGoesOutAsync(line, word);
    }

    [Fact]
    public async Task An_alert_withdrawn_after_her_stop_is_no_failure_of_the_on_call_phone()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var texter = await CheckingInAsync(line);
        await line.RefuseTextsWhileCheckIn30LapsesAsync();

        await line.Phone(texter).TextAsync("STOP");
        await line.TwilioTakesTextsAgainAsync();

        Assert.Empty(line.SentTo(CheckInLine.StaffNumber));
        Assert.Contains("Healthy: on-call phone", await (await line.Factory.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync());
        Assert.DoesNotContain(line.Factory.Logs.Lines, logged => logged.Contains("on-call phone (CheckIn:StaffNumber) was not delivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Whom_an_alert_is_about_is_kept_only_until_it_leaves_the_outbox()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        await CheckingInAsync(line);
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        Assert.Single(line.SentTo(CheckInLine.StaffNumber));
        Assert.Null(await line.Factory.Services.GetRequiredService<IPrivateRecords>().AnyKeyAsync(SafetyPlans.SendKind, line.Factory.Clock.GetUtcNow()));
    }

    /// <summary>Two texters' alerts held together; one of them says <paramref name="word"/>; only the other's goes out.</summary>
    private static async Task OnlyTheOtherAlertGoesOutAsync(CheckInLine line, string word)
    {
        var (her, other) = (await CheckingInAsync(line), await CheckingInAsync(line));
        await line.RefuseTextsWhileCheckIn30LapsesAsync();

        await line.Phone(her).TextAsync(word);
        await line.TwilioTakesTextsAgainAsync();

        var keys = line.Factory.Services.GetRequiredService<SenderKeys>();
        Assert.Contains(Pseudonym.Of(keys.KeyOf(other)), Assert.Single(line.SentTo(CheckInLine.StaffNumber)));
    }

    /// <summary>A new texter with no contact who asked to be checked on in 30 minutes: her number.</summary>
    private static async Task<string> CheckingInAsync(CheckInLine line)
    {
        var texter = TestNumbers.Next();
        await line.Phone(texter).TextAsync("hi");
        await line.Phone(texter).TextAsync("CHECK 30");
        return texter;
    }
}
