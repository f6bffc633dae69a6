using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// Staffed hours (Handoff:Hours, in America/Chicago) on the nights the clocks change, through TALK: who is on shift is
/// right by the wall clock, and the time she is told is one her phone will show. The test clock only moves on, so these
/// are 2027's nights: clocks forward at 2:00 AM on Sunday 14 March, back at 2:00 AM on Sunday 7 November.
/// </summary>
public sealed class StaffedHoursClockChangeTests
{
    private const string Texter = "+16305558201";

    private static async Task<HandoffLine> StartAtAsync(string hours, DateTimeOffset now)
    {
        var factory = new TextLineFactory();
        factory.Settings["Handoff:Hours"] = hours;
        var line = await HandoffLine.StartAsync(factory, inHours: false, onShift: false);
        line.Factory.Clock.SetUtcNow(now);
        await line.Shifts.GoOnAsync(HandoffLine.Staff);
        return line;
    }

    [Fact]
    public async Task Hours_that_begin_at_2_00_on_a_spring_forward_night_are_told_as_3_00_the_time_that_comes()
    {
        // 1:30 AM CST; at 2:00 the clocks read 3:00, and staff are there from then.
        await using var line = await StartAtAsync("Daily 02:00-04:00", new DateTimeOffset(2027, 3, 14, 7, 30, 0, TimeSpan.Zero));

        Assert.Contains("Someone will be here today at 3:00 AM.", await line.Phone(Texter).TextAsync("TALK"));
        Assert.Contains("Alguien estara aqui hoy a las 3:00.", await line.Phone("+16305558202").TextAsync("HABLAR"));
    }

    [Fact]
    public async Task Hours_that_begin_at_2_30_on_a_spring_forward_night_are_told_as_3_00()
    {
        await using var line = await StartAtAsync("Sun 02:30-05:00", new DateTimeOffset(2027, 3, 14, 7, 30, 0, TimeSpan.Zero));

        Assert.Contains("Someone will be here today at 3:00 AM.", await line.Phone(Texter).TextAsync("TALK"));
    }

    [Fact]
    public async Task Daily_01_00_to_03_00_on_a_spring_forward_night_is_open_at_1_30_and_at_3_00_closed_and_names_1_00_tomorrow()
    {
        await using var line = await StartAtAsync("Daily 01:00-03:00", new DateTimeOffset(2027, 3, 14, 7, 30, 0, TimeSpan.Zero));
        Assert.Equal(HandoffLine.English.HandoffOpen, await line.Phone(Texter).TextAsync("TALK"));

        line.Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 14, 8, 0, 0, TimeSpan.Zero)); // 3:00 AM CDT
        Assert.Contains("Someone will be here Monday at 1:00 AM.", await line.Phone("+16305558203").TextAsync("TALK"));
    }

    [Fact]
    public async Task Daily_01_00_to_03_00_on_a_fall_back_night_is_open_in_both_1_30s_and_at_2_30_and_closes_at_3_00()
    {
        await using var line = await StartAtAsync("Daily 01:00-03:00", new DateTimeOffset(2027, 11, 7, 6, 30, 0, TimeSpan.Zero));
        Assert.Equal(HandoffLine.English.HandoffOpen, await line.Phone("+16305558211").TextAsync("TALK")); // 1:30 AM CDT

        line.Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 11, 7, 7, 30, 0, TimeSpan.Zero)); // 1:30 AM CST
        Assert.Equal(HandoffLine.English.HandoffOpen, await line.Phone("+16305558212").TextAsync("TALK"));

        line.Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 11, 7, 8, 30, 0, TimeSpan.Zero)); // 2:30 AM CST
        Assert.Equal(HandoffLine.English.HandoffOpen, await line.Phone("+16305558213").TextAsync("TALK"));

        line.Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 11, 7, 9, 0, 0, TimeSpan.Zero)); // 3:00 AM CST
        Assert.Contains("Someone will be here Monday at 1:00 AM.", await line.Phone("+16305558214").TextAsync("TALK"));
    }

    [Fact]
    public async Task Sat_20_00_to_02_00_over_a_fall_back_is_open_in_the_second_1_30_and_closed_at_2_00_naming_next_saturday()
    {
        await using var line = await StartAtAsync("Sat 20:00-02:00", new DateTimeOffset(2027, 11, 7, 7, 30, 0, TimeSpan.Zero)); // 1:30 AM CST
        Assert.Equal(HandoffLine.English.HandoffOpen, await line.Phone("+16305558221").TextAsync("TALK"));

        line.Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 11, 7, 8, 0, 0, TimeSpan.Zero)); // 2:00 AM CST
        Assert.Contains("Someone will be here Saturday at 8:00 PM.", await line.Phone("+16305558222").TextAsync("TALK"));
    }
}
