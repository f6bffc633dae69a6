using WestmontTextLine.Handoff;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>What a conversation closed for silence says in the inbox: "Closed after 30 minutes without a text."</summary>
public sealed class HandoffIdleDescriptionTests
{
    [Theory]
    [InlineData("00:01:00", "1 minute")]
    [InlineData("00:01:30", "90 seconds")]
    [InlineData("00:30:00", "30 minutes")]
    [InlineData("01:59:00", "119 minutes")]
    [InlineData("02:30:00", "2.5 hours")]
    [InlineData("1.00:00:00", "24 hours")]
    public void The_idle_time_is_said_in_words_that_read_right(string idleClose, string said) =>
        Assert.Equal(said, HandoffConversations.Describe(TimeSpan.Parse(idleClose, System.Globalization.CultureInfo.InvariantCulture)));
}
