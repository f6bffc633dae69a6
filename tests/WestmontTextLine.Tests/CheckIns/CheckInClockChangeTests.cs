using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Check-ins across daylight saving in the line's zone (America/Chicago): the time told is the wall-clock time her
/// phone will show, it says the clocks change first (a "1:15 AM" told at 1:30 AM reads as the past, or as tomorrow),
/// and the timer fires after the real duration asked for. The test clock can only move on, so these nights are 2027's.
/// </summary>
public sealed class CheckInClockChangeTests
{
    private const string Texter = "+16305558101";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    // 2027-11-07: at 2:00 AM CDT the clocks go back to 1:00 AM CST. 06:30 UTC is the first 1:30 AM (CDT).
    private static readonly DateTimeOffset FallBackFirstOneThirty = new(2027, 11, 7, 6, 30, 0, TimeSpan.Zero);

    // 2027-03-14: at 2:00 AM CST the clocks go forward to 3:00 AM CDT. 07:30 UTC is 1:30 AM CST.
    private static readonly DateTimeOffset SpringForwardOneThirty = new(2027, 3, 14, 7, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Check_45_at_the_first_1_30_of_a_fall_back_night_says_1_15_after_the_clocks_change_and_fires_45_minutes_later()
    {
        await using var line = await CheckInLine.StartAsync();
        line.Factory.Clock.SetUtcNow(FallBackFirstOneThirty);
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");

        Assert.Equal("OK. I will text you at 1:15 AM, after the clocks change. Reply OK when you are safe.", await texter.TextAsync("CHECK 45"));

        await line.AdvanceAsync(TimeSpan.FromMinutes(44));
        Assert.Empty(line.SentTo(Texter));
        await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));
    }

    [Fact]
    public async Task Check_45_at_the_second_1_30_of_a_fall_back_night_says_2_15_with_no_word_of_a_change()
    {
        await using var line = await CheckInLine.StartAsync();
        line.Factory.Clock.SetUtcNow(FallBackFirstOneThirty + TimeSpan.FromHours(1));
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");

        Assert.Equal("OK. I will text you at 2:15 AM. Reply OK when you are safe.", await texter.TextAsync("CHECK 45"));
    }

    [Fact]
    public async Task Check_45_at_1_30_of_a_spring_forward_night_says_3_15_after_the_clocks_change_and_fires_45_minutes_later()
    {
        await using var line = await CheckInLine.StartAsync();
        line.Factory.Clock.SetUtcNow(SpringForwardOneThirty);
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");

        Assert.Equal("OK. I will text you at 3:15 AM, after the clocks change. Reply OK when you are safe.", await texter.TextAsync("CHECK 45"));

        await line.AdvanceAsync(TimeSpan.FromMinutes(44));
        Assert.Empty(line.SentTo(Texter));
        await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));
    }

    [Fact]
    public async Task Check_12h_the_evening_before_a_fall_back_says_the_morning_time_her_phone_will_show_and_fires_12_hours_later()
    {
        await using var line = await CheckInLine.StartAsync();
        line.Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 11, 7, 1, 0, 0, TimeSpan.Zero)); // 8:00 PM CDT on the 6th
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");

        Assert.Equal("OK. I will text you at 7:00 AM, after the clocks change. Reply OK when you are safe.", await texter.TextAsync("CHECK 12h"));

        await line.AdvanceAsync(TimeSpan.FromHours(11) + TimeSpan.FromMinutes(59));
        Assert.Empty(line.SentTo(Texter));
        await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));
    }

    [Fact]
    public async Task In_Spanish_the_one_o_clock_hour_after_a_fall_back_is_a_la_1_15_despues_del_cambio_de_hora()
    {
        await using var line = await CheckInLine.StartAsync();
        line.Factory.Clock.SetUtcNow(FallBackFirstOneThirty);
        var texter = line.Phone(Texter);
        await texter.TextAsync("ESPANOL");

        Assert.Equal("OK. Te escribo a la 1:15, después del cambio de hora. Responde OK cuando estés bien.", await texter.TextAsync("AVISAME 45"));
    }
}
