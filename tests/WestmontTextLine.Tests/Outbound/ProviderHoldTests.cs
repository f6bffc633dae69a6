using WestmontTextLine.Outbound;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>The one shape both the outbox's hold and provider deletion's pause take: a probe at growing waits.</summary>
public class ProviderHoldTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 22, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan First = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_first_refusal_holds_and_each_refused_probe_waits_twice_as_long_up_to_the_longest()
    {
        var hold = new ProviderHold(First, Longest);
        Assert.Null(hold.Until);

        Assert.True(hold.Hold("refused", retryAfter: null, Start));
        Assert.Equal(Start + First, hold.Until);

        var now = Start;
        foreach (var wait in new[] { 10, 20, 30, 30 })
        {
            now = hold.Until!.Value;
            Assert.False(hold.Hold("refused", retryAfter: null, now));
            Assert.Equal(now + TimeSpan.FromSeconds(wait), hold.Until);
        }
        Assert.Equal(("refused", Start), (hold.Held!.Value.Because, hold.Held!.Value.Since));
    }

    [Fact]
    public void Refusals_before_the_next_probe_is_due_change_nothing()
    {
        var hold = new ProviderHold(First, Longest);
        hold.Hold("refused", retryAfter: null, Start);

        Assert.False(hold.Hold("refused again", retryAfter: null, Start + TimeSpan.FromSeconds(1)));

        Assert.Equal(Start + First, hold.Until);
        Assert.Equal("refused", hold.Held!.Value.Because);
    }

    [Fact]
    public void A_longer_retry_after_is_waited_but_never_beyond_the_longest_wait()
    {
        var hold = new ProviderHold(First, Longest);
        hold.Hold("throttled", TimeSpan.FromSeconds(12), Start);
        Assert.Equal(Start + TimeSpan.FromSeconds(12), hold.Until);

        var now = hold.Until!.Value;
        hold.Hold("throttled", TimeSpan.FromHours(1), now);
        Assert.Equal(now + Longest, hold.Until);
    }

    [Fact]
    public void A_request_taken_releases_it_says_for_how_long_and_the_next_refusal_starts_again_from_the_first_wait()
    {
        var hold = new ProviderHold(First, Longest);
        hold.Hold("refused", retryAfter: null, Start);
        hold.Hold("refused", retryAfter: null, Start + First);

        Assert.Equal(TimeSpan.FromSeconds(40), hold.Release(Start + TimeSpan.FromSeconds(40)));
        Assert.Null(hold.Until);
        Assert.Null(hold.Held);
        Assert.Null(hold.Release(Start + TimeSpan.FromSeconds(41)));

        var later = Start + TimeSpan.FromMinutes(10);
        Assert.True(hold.Hold("refused", retryAfter: null, later));
        Assert.Equal(later + First, hold.Until);
    }
}
