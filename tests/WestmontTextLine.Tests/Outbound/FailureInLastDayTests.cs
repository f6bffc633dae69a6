using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Outbound;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>What the on-call phone's and the line's own number's /healthz lines keep: the last failure, for a day.</summary>
public sealed class FailureInLastDayTests
{
    [Fact]
    public void A_failure_is_new_once_a_day_or_with_another_code_and_is_kept_for_a_day()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero));
        var failure = new FailureInLastDay(clock);

        Assert.True(failure.Note(30034));
        Assert.False(failure.Note(30034));
        Assert.True(failure.Note(30032));
        Assert.Equal((30032, clock.GetUtcNow()), failure.Last);

        clock.Advance(FailureInLastDay.Window - TimeSpan.FromSeconds(1));
        Assert.NotNull(failure.Last);
        Assert.False(failure.Note(30032));
        clock.Advance(FailureInLastDay.Window);
        Assert.Null(failure.Last);
        Assert.True(failure.Note(30032));
    }

    [Fact]
    public void A_success_clears_it_so_the_next_failure_is_new()
    {
        var failure = new FailureInLastDay(new FakeTimeProvider());
        failure.Note(null);

        failure.Clear();

        Assert.Null(failure.Last);
        Assert.True(failure.Note(null));
    }
}
