using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Senders;
using WestmontTextLine.Sessions;
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
    private const string Texter = "+16305558441";
    private const string Contact = "+16305558442";

    [Fact]
    public async Task An_undelivered_alert_after_a_stop_that_saved_only_her_session_tells_the_on_call_phone_nothing()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        await line.Phone(Texter).TextAsync("hi");
        await line.Phone(Texter).TextAsync("BUDDY (630) 555-8442 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");
        await line.Phone(Texter).TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        await line.PassesAsync();
        var alert = line.Fake.Messages.Single(m => m.To == Contact && m.StatusCallback!.Contains("n=alert_missed", StringComparison.Ordinal));
        Assert.Single(line.SentTo(CheckInLine.StaffNumber));

        var key = line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
        var sessions = line.Factory.Services.GetRequiredService<ISessionStore>();
        var session = await sessions.LoadAsync(key);
        Assert.True(await sessions.SaveAsync(key, session! with { OptedOut = true, Choices = null }));

        await ProviderTextLine.ReportAsync(line.Phone(Contact), alert.StatusCallback!, alert.Sid, "undelivered", 30003);
        await line.PassesAsync();

        Assert.Single(line.SentTo(CheckInLine.StaffNumber));
    }
}
