using WestmontTextLine.Tests.Outbound;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// The alert of her missed check-in went out, then her STOP saved only her session (the rest failed, then a restart:
/// see <see cref="CheckInAfterPartStopTests"/>), so her plan was still there when the carrier reported the alert
/// undelivered. The line took "no plan" for her STOP, and told the on-call phone to follow up about someone who had
/// said STOP.
/// </summary>
public sealed class AlertUndeliveredAfterPartStopTests
{
    [Fact]
    public async Task An_undelivered_alert_after_a_stop_that_saved_only_her_session_tells_the_on_call_phone_nothing()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var (texter, contact) = await line.AgreedAsync();
        await line.Phone(texter).TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        await line.PassesAsync();
        var alert = line.Fake.Messages.Single(m => m.To == contact && m.StatusCallback!.Contains("n=alert_missed", StringComparison.Ordinal));
        Assert.Single(line.SentTo(CheckInLine.StaffNumber));

        await line.OptOutHerSessionOnlyAsync(texter);

        await ProviderTextLine.ReportAsync(line.Phone(contact), alert.StatusCallback!, alert.Sid, "undelivered", 30003);
        await line.PassesAsync();

        Assert.Single(line.SentTo(CheckInLine.StaffNumber));
    }
}
