using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Logging;

namespace WestmontTextLine.Tests.Logging;

public sealed class ReadableDurationTests
{
    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(36.4, "36 s")]
    [InlineData(59.6, "1 min")]
    [InlineData(96, "1 min 36 s")]
    [InlineData(300, "5 min")]
    [InlineData(2 * 3600 + 5 * 60 + 59, "2 h 5 min")]
    [InlineData(3 * 3600, "3 h")]
    [InlineData(26 * 3600 + 30 * 60, "1 d 2 h")]
    [InlineData(14 * 86400, "14 d")]
    public void A_duration_reads_as_people_say_it(double seconds, string expected) =>
        Assert.Equal(expected, ReadableDuration.Of(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void The_inbox_says_a_wait_in_the_same_words_to_the_minute()
    {
        var now = DateTimeOffset.UnixEpoch.AddDays(2);
        Assert.Equal("under a minute", WaitingTime.Of(now.AddSeconds(-59), now));
        Assert.Equal("4 min", WaitingTime.Of(now.AddSeconds(-4 * 60 - 59), now));
        Assert.Equal("1 h 5 min", WaitingTime.Of(now.AddMinutes(-65), now));
    }
}
