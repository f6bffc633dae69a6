using WestmontTextLine.Tests.Outbound;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A check-in text (or an alert) that a carrier filtered (30007) never reached her, and the next one, with the same
/// fixed words, will be filtered too: the operator hears of it, with the label to reword.
/// </summary>
public sealed class FilteredSafetyTextTests
{
    private const string Texter = "+16305558401";

    private static async Task<string> HealthAsync(CheckInLine line) =>
        await (await line.Factory.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync();

    [Fact]
    public async Task A_check_in_text_filtered_by_a_carrier_shows_in_healthz_and_is_logged_once()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 1");
        await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        await line.PassesAsync();
        var checkIn = line.Fake.Messages.Single(m => m.To == Texter && m.StatusCallback!.Contains("n=checkin_due", StringComparison.Ordinal));
        Assert.DoesNotContain("30007", await HealthAsync(line));

        await ProviderTextLine.ReportAsync(texter, checkIn.StatusCallback!, checkIn.Sid, "undelivered", 30007);
        await ProviderTextLine.ReportAsync(texter, checkIn.StatusCallback!, "SM" + new string('2', 32), "undelivered", 30007); // the next one

        var health = await HealthAsync(line);
        Assert.Contains("Degraded: a carrier filtered the line's safety text(s) checkin_due in the last day (30007)", health);
        Assert.Single(line.Factory.Logs.Lines, logged => logged.Contains("was reported undelivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_menu_reply_filtered_by_a_carrier_is_for_stats_only()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        var (_, replySid) = await ProviderTextLine.TextAndDeliverAsync(texter, line.Fake, "hi", "undelivered", 30007);
        Assert.NotNull(replySid);

        Assert.DoesNotContain("30007", await HealthAsync(line));
    }
}
