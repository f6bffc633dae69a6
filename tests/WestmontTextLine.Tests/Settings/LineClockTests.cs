using Microsoft.Extensions.Options;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Tests.Settings;

/// <summary>The line's clock on the nights the clocks change and in zones with odd offsets: the time told, the day counted.</summary>
public sealed class LineClockTests
{
    private static LineClock In(string zone) => new(Options.Create(new TextLineOptions { TimeZone = zone }));

    [Theory]
    [InlineData("America/Chicago", "2027-11-07T06:59:00Z", "2027-11-07")] // 1:59 AM CDT
    [InlineData("America/Chicago", "2027-11-07T07:30:00Z", "2027-11-07")] // 1:30 AM CST, the second
    [InlineData("America/Chicago", "2027-11-08T05:59:00Z", "2027-11-07")] // 11:59 PM CST: the 25-hour day's last minute
    [InlineData("America/Chicago", "2027-11-08T06:00:00Z", "2027-11-08")]
    [InlineData("America/Chicago", "2027-03-14T07:59:00Z", "2027-03-14")] // 1:59 AM CST
    [InlineData("America/Chicago", "2027-03-14T08:00:00Z", "2027-03-14")] // 3:00 AM CDT
    [InlineData("America/Chicago", "2027-03-15T04:59:00Z", "2027-03-14")] // 11:59 PM CDT: the 23-hour day's last minute
    [InlineData("Asia/Kolkata", "2027-03-14T18:29:00Z", "2027-03-14")]
    [InlineData("Asia/Kolkata", "2027-03-14T18:30:00Z", "2027-03-15")]
    [InlineData("Pacific/Chatham", "2027-03-14T10:14:00Z", "2027-03-14")] // UTC+13:45 in March
    [InlineData("Pacific/Chatham", "2027-03-14T10:15:00Z", "2027-03-15")]
    public void A_moment_is_counted_on_the_line_s_own_day(string zone, string moment, string day) =>
        Assert.Equal(DateOnly.Parse(day), In(zone).DayOf(DateTimeOffset.Parse(moment)));

    [Theory]
    [InlineData("America/Chicago", "2027-11-07T07:15:00Z", "1:15 AM")]
    [InlineData("America/Chicago", "2027-03-14T08:15:00Z", "3:15 AM")]
    [InlineData("Asia/Kolkata", "2027-03-14T16:10:00Z", "9:40 PM")]
    [InlineData("Pacific/Chatham", "2027-03-14T08:00:00Z", "9:45 PM")]
    [InlineData("Europe/London", "2027-03-28T01:30:00Z", "2:30 AM")] // BST begins at 1:00 UTC
    [InlineData("UTC", "2027-03-14T21:40:00Z", "9:40 PM")]
    public void Times_told_are_the_wall_clock_of_the_line_s_zone(string zone, string moment, string told) =>
        Assert.Equal(told, In(zone).TimeOfDay(DateTimeOffset.Parse(moment), "en"));

    [Fact]
    public void A_time_the_clocks_skip_is_the_time_they_skip_to_and_a_time_that_comes_twice_is_its_second_coming()
    {
        var chicago = In("America/Chicago");
        Assert.Equal(DateTimeOffset.Parse("2027-03-14T08:00:00Z"), chicago.MomentOf(new DateTime(2027, 3, 14, 2, 0, 0)));
        Assert.Equal(DateTimeOffset.Parse("2027-03-14T08:00:00Z"), chicago.MomentOf(new DateTime(2027, 3, 14, 2, 45, 0)));
        Assert.Equal(new DateTime(2027, 3, 14, 3, 0, 0), chicago.ShownAs(new DateTime(2027, 3, 14, 2, 30, 0)));
        Assert.Equal(DateTimeOffset.Parse("2027-11-07T07:30:00Z"), chicago.MomentOf(new DateTime(2027, 11, 7, 1, 30, 0)));

        // Chatham skips 2:45 to 3:45 on the last Sunday of September.
        var chatham = In("Pacific/Chatham");
        Assert.Equal(new DateTime(2027, 9, 26, 3, 45, 0), chatham.ShownAs(new DateTime(2027, 9, 26, 3, 0, 0)));
    }

    [Fact]
    public void The_spanish_one_o_clock_hour_takes_la_and_the_others_las()
    {
        Assert.Equal("a la 1:15", LineClock.FillTime("a las {time}", new DateTime(2027, 11, 7, 1, 15, 0), "es"));
        Assert.Equal("a las 13:15", LineClock.FillTime("a las {time}", new DateTime(2027, 11, 7, 13, 15, 0), "es"));
        Assert.Equal("a las 0:05", LineClock.FillTime("a las {time}", new DateTime(2027, 11, 7, 0, 5, 0), "es"));
        Assert.Equal("at 12:05 AM", LineClock.FillTime("at {time}", new DateTime(2027, 11, 7, 0, 5, 0), "en"));
    }
}
