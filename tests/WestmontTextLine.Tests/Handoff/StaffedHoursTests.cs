using WestmontTextLine.Handoff;

namespace WestmontTextLine.Tests.Handoff;

public sealed class StaffedHoursTests
{
    // 2026-11-26 is a Thursday.
    private static readonly DateTime Thursday = new(2026, 11, 26);

    private static StaffedHours Read(string text)
    {
        var hours = StaffedHours.Parse(text, out var error);
        Assert.True(hours is not null, error);
        return hours;
    }

    [Fact]
    public void Weekday_office_hours_are_open_inside_and_closed_outside()
    {
        var hours = Read("Mon-Fri 09:00-17:00");

        Assert.False(hours.IsOpen(Thursday.AddHours(8).AddMinutes(59)));
        Assert.True(hours.IsOpen(Thursday.AddHours(9)));
        Assert.True(hours.IsOpen(Thursday.AddHours(16).AddMinutes(59)));
        Assert.False(hours.IsOpen(Thursday.AddHours(17)));
        Assert.False(hours.IsOpen(Thursday.AddDays(2).AddHours(12))); // Saturday
        Assert.Equal(5, hours.Periods.Count);
    }

    [Theory]
    [InlineData(6, 0, "2026-11-26 09:00")]   // Thursday early: this morning
    [InlineData(12, 0, "2026-11-27 09:00")]  // Thursday noon, inside: the next start, tomorrow
    [InlineData(18, 0, "2026-11-27 09:00")]  // Thursday evening
    [InlineData(24 + 18, 0, "2026-11-30 09:00")] // Friday evening: Monday
    [InlineData(48 + 12, 0, "2026-11-30 09:00")] // Saturday
    public void The_next_start_is_the_next_period_that_begins_at_or_after_now(int hours, int minutes, string expected)
    {
        var next = Read("Mon-Fri 09:00-17:00").NextStart(Thursday.AddHours(hours).AddMinutes(minutes));

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void Several_rules_lists_wrapped_ranges_full_names_and_daily_are_read()
    {
        var hours = Read("Mon,Wed 10:00-12:00; Saturday 09:30-13:00, Fri-Sun 20:00-22:00");

        Assert.True(hours.IsOpen(Thursday.AddDays(-1).AddHours(11)));   // Wednesday
        Assert.False(hours.IsOpen(Thursday.AddHours(11)));              // Thursday
        Assert.True(hours.IsOpen(Thursday.AddDays(2).AddHours(9.5)));   // Saturday morning
        Assert.True(hours.IsOpen(Thursday.AddDays(3).AddHours(21)));    // Sunday evening
        Assert.Equal(7, Read("daily 08:00-20:00").Periods.Count);
        Assert.Equal(3, Read("Fri-Sun 08:00-20:00").Periods.Count);
    }

    [Theory]
    [InlineData("Mon,Wed 10:00-12:00 , Sat 09:00-13:00", "Monday Wednesday Saturday")]     // spaces before a "," after a time
    [InlineData("Mon 10:00-12:00 \n, Sat 09:00-13:00", "Monday Saturday")]                // a new line among them
    [InlineData("Mon 10:00-12:00;;\n Tue 10:00-12:00;", "Monday Tuesday")]                 // empty rules are skipped
    [InlineData("Fri-Mon 10:00-12:00\nmon,tue 13:00-14:00", "Friday Saturday Sunday Monday Tuesday")] // a range across the week end, then a list
    public void Rules_are_split_at_semicolons_new_lines_and_commas_after_a_time(string text, string days)
    {
        Assert.Equal(days, string.Join(' ', Read(text).Periods.Select(p => p.Day).Distinct()));
    }

    [Theory]
    [InlineData("Mon 10:00-12:00\n, Sat 09:00-13:00")] // a "," right after a new line follows no time
    [InlineData("Mon, 10:00-12:00")]                    // a "," after a day separates days, and the day is missing
    public void A_comma_that_follows_no_time_does_not_separate_rules(string text)
    {
        Assert.Null(StaffedHours.Parse(text, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void A_period_past_midnight_runs_into_the_next_day()
    {
        var hours = Read("Fri 20:00-02:00");
        var friday = Thursday.AddDays(1);

        Assert.True(hours.IsOpen(friday.AddHours(23)));
        Assert.True(hours.IsOpen(friday.AddHours(25)));   // 1:00 AM Saturday
        Assert.False(hours.IsOpen(friday.AddHours(26)));
        Assert.Equal(friday.AddHours(20), hours.NextStart(Thursday));
        Assert.True(Read("Mon-Sun 00:00-24:00").IsOpen(Thursday.AddHours(23.99)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_means_no_fixed_hours(string? text)
    {
        var hours = Read(text!);

        Assert.True(hours.IsEmpty);
        Assert.Null(hours.NextStart(Thursday));
    }

    [Theory]
    [InlineData("Mon-Fry 09:00-17:00", "'MON-FRY' is not a day")]
    [InlineData("Monkey 09:00-17:00", "'MONKEY' is not a day")]
    [InlineData("Mon-Fri 9-5", "'Mon-Fri 9-5' is not days and times")]
    [InlineData("Mon-Fri 09:00-25:00", "'25:00' is not a time")]
    [InlineData("Mon-Fri 24:00-25:00", "'24:00' is not a time from 00:00 to 23:59")]
    [InlineData("Mon 09:00-09:00", "starts and ends at the same time")]
    [InlineData("09:00-17:00", "is not days and times")]
    public void What_cannot_be_read_says_why(string text, string why)
    {
        Assert.Null(StaffedHours.Parse(text, out var error));
        Assert.Contains(why, error);
    }
}
