using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Conversations;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>The limiter's memory stays bounded whatever arrives, and is given back when the minute ends.</summary>
public class SenderRateLimiterTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Distinct_senders_beyond_the_bound_are_not_tracked_and_pass()
    {
        var clock = new FakeTimeProvider(Noon);
        using var limiter = new SenderRateLimiter(clock, textsPerMinute: 20, maxTrackedSenders: 50_000);

        for (var i = 0; i < 200_000; i++) Assert.Equal(RateDecision.Allowed, limiter.Check(KeyOf(i)));

        Assert.Equal(50_000, limiter.TrackedSenders);
    }

    [Theory]
    [InlineData(429_496_730)]
    [InlineData(858_993_460)]
    [InlineData(int.MaxValue)]
    public void A_limit_so_high_that_five_times_it_overflows_never_silences_an_emergency(int textsPerMinute)
    {
        using var limiter = new SenderRateLimiter(new FakeTimeProvider(Noon), textsPerMinute);

        Assert.Equal(int.MaxValue, limiter.UrgentCap);
        for (var i = 0; i < 10; i++) Assert.Equal(RateDecision.Allowed, limiter.Check(KeyOf(1), urgent: true));
    }

    [Fact]
    public void The_default_bound_follows_the_memory_the_gc_may_use()
    {
        using var limiter = new SenderRateLimiter(TimeProvider.System, 20);

        Assert.InRange(limiter.MaxTrackedSenders, 10_000, 1_000_000);
        Assert.True(limiter.MaxTrackedSenders * 32L <= Math.Max(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8, 10_000 * 32L));
    }

    [Fact]
    public void The_table_is_emptied_when_the_minute_ends_even_if_no_text_arrives()
    {
        var clock = new FakeTimeProvider(Noon);
        using var limiter = new SenderRateLimiter(clock, textsPerMinute: 20);
        for (var i = 0; i < 1_000; i++) limiter.Check(KeyOf(i));

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, limiter.TrackedSenders);
    }

    [Fact]
    public void A_sender_is_limited_after_n_texts_and_the_first_refusal_is_marked_for_the_log()
    {
        var clock = new FakeTimeProvider(Noon);
        using var limiter = new SenderRateLimiter(clock, textsPerMinute: 3);
        var sender = KeyOf(7);

        var decisions = Enumerable.Range(0, 6).Select(_ => limiter.Check(sender)).ToArray();

        Assert.Equal(
            [RateDecision.Allowed, RateDecision.Allowed, RateDecision.Allowed, RateDecision.LimitedFirst, RateDecision.Limited, RateDecision.Limited],
            decisions);
        Assert.Equal(RateDecision.Allowed, limiter.Check(sender, urgent: true));
        Assert.Equal(RateDecision.Allowed, limiter.Check(KeyOf(8)));
    }

    private static string KeyOf(int i) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));
}
