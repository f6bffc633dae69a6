using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// The on-call phone (CheckIn:StaffNumber) is the operator's: when an alert to it fails (it texted STOP, it is a
/// landline, it is off), the operator hears of it in the log and /healthz, never with its number.
/// </summary>
public sealed class OnCallPhoneTests
{
    private const string Texter = "+16305558301";

    /// <summary>A texter whose one-minute check-in lapsed with no contact: the on-call phone's alert is queued and sent.</summary>
    private static async Task LapseAsync(CheckInLine line)
    {
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 1");
        await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        await line.PassesAsync();
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
    }

    private static async Task<string> HealthAsync(CheckInLine line) =>
        await (await line.Factory.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync();

    [Fact]
    public async Task An_on_call_phone_that_texted_stop_gets_no_alert_and_healthz_and_the_log_say_so()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        await line.Phone(CheckInLine.StaffNumber).TextAsync("STOP");

        await LapseAsync(line);

        Assert.Empty(line.SentTo(CheckInLine.StaffNumber)); // nothing is ever sent to a number that opted out
        var health = await HealthAsync(line);
        Assert.Contains("Degraded: on-call phone: an alert to the on-call phone (CheckIn:StaffNumber) was not delivered", health);
        Assert.Contains("STOP", health);
        Assert.Contains("(21610)", health);
        Assert.DoesNotContain(CheckInLine.StaffNumber, health);
        Assert.Single(line.Factory.Logs.Lines, logged => logged.StartsWith("Error", StringComparison.Ordinal) && logged.Contains("on-call phone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_alert_the_carrier_did_not_deliver_to_the_on_call_phone_shows_in_healthz_until_one_is_delivered()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        await LapseAsync(line);
        var alert = line.Fake.Messages.Single(m => m.To == CheckInLine.StaffNumber);
        Assert.Contains("Healthy: on-call phone", await HealthAsync(line));

        await ProviderTextLine.ReportAsync(line.Phone(CheckInLine.StaffNumber), alert.StatusCallback!, alert.Sid, "undelivered", 30006);

        var health = await HealthAsync(line);
        Assert.Contains("Degraded: on-call phone:", health);
        Assert.Contains("landline", health);
        Assert.Contains("(30006)", health);

        await ProviderTextLine.ReportAsync(line.Phone(CheckInLine.StaffNumber), alert.StatusCallback!.Replace("o=", "o=x", StringComparison.Ordinal),
            "SM" + new string('1', 32), "delivered");
        Assert.Contains("Healthy: on-call phone", await HealthAsync(line));
    }

    /// <summary>
    /// Her STOP or FORGET withdraws an alert about her still waiting in the outbox, but the carrier's word on one that
    /// went out before is about the on-call phone, and names no one: the operator still hears of it.
    /// </summary>
    [Theory]
    [InlineData("STOP")]
    [InlineData("FORGET")]
    public async Task An_alert_reported_undelivered_after_her_stop_or_forget_still_shows_against_the_on_call_phone(string word)
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        await LapseAsync(line);
        var alert = line.Fake.Messages.Single(m => m.To == CheckInLine.StaffNumber);
        await line.Phone(Texter).TextAsync(word);
        await line.PassesAsync();

        await ProviderTextLine.ReportAsync(line.Phone(CheckInLine.StaffNumber), alert.StatusCallback!, alert.Sid, "undelivered", 30006);

        Assert.Contains("Degraded: on-call phone:", await HealthAsync(line));
    }

    [Fact]
    public async Task A_failed_alert_still_shows_in_healthz_after_a_restart()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-oncall-{Guid.NewGuid():N}.db");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        try
        {
            await using (var line = await CheckInLine.StartAsync(new TextLineFactory { DatabasePath = database, KeepDatabase = true }, staff: true, fake: fake))
            {
                await line.Phone(CheckInLine.StaffNumber).TextAsync("STOP");
                await LapseAsync(line);
                Assert.Contains("Degraded: on-call phone:", await HealthAsync(line));
            }

            await using (var restarted = await CheckInLine.StartAsync(new TextLineFactory { DatabasePath = database, KeepDatabase = true }, staff: true, fake: fake))
            {
                var health = await HealthAsync(restarted);
                Assert.Contains("Degraded: on-call phone:", health);
                Assert.Contains("(21610)", health);
            }
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }
}
