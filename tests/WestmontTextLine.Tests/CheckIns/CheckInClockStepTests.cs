using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// The machine's clock stepped (NTP after a drift, an operator, a host restored from a snapshot) while a check-in is
/// pending: no step forward brings the check-in text or the alert to her contact early (an alert while she is fine is
/// the worst thing the line can do), and nothing fires twice or is lost.
/// </summary>
public sealed class CheckInClockStepTests
{
    private const string Texter = "+16305558301";
    private const string Contact = "+16305558302";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    private static async Task<(CheckInLine Line, SteppedClock Clock)> StartAsync()
    {
        SteppedClock? clock = null;
        var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton<TimeProvider>(provider => clock!),
        };
        clock = new SteppedClock(factory.Clock);
        return (await CheckInLine.StartAsync(factory), clock);
    }

    private static async Task WithContactAsync(CheckInLine line)
    {
        await line.Phone(Texter).TextAsync("hi");
        await line.Phone(Texter).TextAsync("BUDDY (630) 555-8302 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");
        await line.PassesAsync();
    }

    [Fact]
    public async Task A_clock_stepped_an_hour_forward_in_the_grace_does_not_alert_her_contact_before_the_grace_has_passed()
    {
        var (line, clock) = await StartAsync();
        await using var _ = line;
        await WithContactAsync(line);
        await line.Phone(Texter).TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Equal(English.CheckInDue, line.SentTo(Texter)[^1]);

        clock.Step(TimeSpan.FromHours(1));
        await line.AdvanceAsync(TimeSpan.FromSeconds(5));
        await line.AdvanceAsync(TimeSpan.FromMinutes(9));
        Assert.Single(line.SentTo(Contact)); // the request to be her contact, no alert

        await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        await line.PassesAsync();
        Assert.StartsWith("Westmont Text Line: Ana has not checked in", line.SentTo(Contact)[^1]);
        Assert.Equal(2, line.SentTo(Contact).Count);
    }

    [Fact]
    public async Task Ok_in_the_real_grace_after_a_step_forward_ends_the_timer_and_nobody_is_alerted()
    {
        var (line, clock) = await StartAsync();
        await using var _ = line;
        await WithContactAsync(line);
        await line.Phone(Texter).TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));

        clock.Step(TimeSpan.FromHours(1));
        await line.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(English.CheckInStopped, await line.Phone(Texter).TextAsync("OK"));
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Single(line.SentTo(Contact));
    }

    [Fact]
    public async Task A_clock_stepped_an_hour_forward_before_the_check_in_does_not_bring_the_check_in_text_early()
    {
        var (line, clock) = await StartAsync();
        await using var _ = line;
        await line.Phone(Texter).TextAsync("hi");
        await line.Phone(Texter).TextAsync("CHECK 45");

        clock.Step(TimeSpan.FromHours(1));
        await line.AdvanceAsync(TimeSpan.FromSeconds(5));
        await line.AdvanceAsync(TimeSpan.FromMinutes(44));
        Assert.Empty(line.SentTo(Texter));

        await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        await line.PassesAsync();
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));
        await line.AdvanceAsync(TimeSpan.FromMinutes(9));
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));
        await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        await line.PassesAsync();
        Assert.Equal([English.CheckInDue, English.CheckInMissed], line.SentTo(Texter));
    }

    [Fact]
    public async Task A_clock_stepped_ten_minutes_back_fires_the_check_in_once_never_early()
    {
        var (line, clock) = await StartAsync();
        await using var _ = line;
        await line.Phone(Texter).TextAsync("hi");
        await line.Phone(Texter).TextAsync("CHECK 45");

        await line.AdvanceAsync(TimeSpan.FromMinutes(20));
        clock.Step(TimeSpan.FromMinutes(-10));
        for (var i = 0; i < 34; i++) await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Empty(line.SentTo(Texter)); // 54 minutes on, 44 by the stepped clock

        await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal([English.CheckInDue], line.SentTo(Texter)); // 10 minutes late, never early
        for (var i = 0; i < 9; i++) await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));
        await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Equal([English.CheckInDue, English.CheckInMissed], line.SentTo(Texter));
    }
}
