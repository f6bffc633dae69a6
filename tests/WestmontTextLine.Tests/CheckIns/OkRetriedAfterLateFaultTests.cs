using WestmontTextLine.CheckIns;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Her OK (or late OK) whose session was saved with its answer, and whose write after that save failed (ending her
/// timer; taking the note of her lapsed check-in): she got the fallback, and Twilio sends that very text again (the
/// same MessageSid). The retry must finish what the first run left, not only repeat the saved answer: "The check-in is
/// off" while the timer still ran sent her the check-in text and, past its grace, alerted her contact.
/// </summary>
public sealed class OkRetriedAfterLateFaultTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    /// <param name="retryFailsToo">The retry's own write fails as well: it gets the fallback again, and the retry after it ends the timer.</param>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task A_retried_OK_whose_timer_was_not_ended_ends_it_and_says_so(bool onRedis, bool retryFailsToo)
    {
        RecordWriteFailsOnce records = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, RecordWriteFailsOnce.Register(made => records = made));
        var line = faulty.Line;
        var number = TestNumbers.Next();
        var phone = line.Phone(number);
        await phone.TextAsync("hi");
        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 20")));

        var sid = phone.NextSid();
        records.Arm(SafetyPlans.PlanKind); // her plan's write as the OK ends the timer, after her session's save
        FallbackReply.AssertIsFallback(await phone.TextAsync("OK", sid));
        if (retryFailsToo)
        {
            records.Arm(SafetyPlans.PlanKind); // "The check-in is off" would not be true
            FallbackReply.AssertIsFallback(await phone.TextAsync("OK", sid));
        }
        Assert.Equal(English.CheckInStopped, await phone.TextAsync("OK", sid)); // Twilio's retry of that text

        await line.AdvanceAsync(TimeSpan.FromMinutes(21));
        Assert.Empty(line.SentTo(number));
        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.EndedByOk));
    }

    /// <summary>
    /// The retry arrives when she is over the rate limit: it once took the limited sender's repeat-only path, said "The
    /// check-in is off" and left the timer running.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_retried_OK_ends_her_timer_whatever_the_rate_limit_says(bool onRedis)
    {
        RecordWriteFailsOnce records = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, RecordWriteFailsOnce.Register(made => records = made),
            new Dictionary<string, string> { ["TextLine:RateLimitPerMinute"] = "3" });
        var line = faulty.Line;
        var number = TestNumbers.Next();
        var phone = line.Phone(number);
        await phone.TextAsync("hi");
        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 20")));

        var sid = phone.NextSid();
        records.Arm(SafetyPlans.PlanKind);
        FallbackReply.AssertIsFallback(await phone.TextAsync("OK", sid)); // her third text this minute: the last allowed
        Assert.Null(await phone.TextAsync("menu")); // over the limit now: a new text gets no reply
        Assert.Equal(English.CheckInStopped, await phone.TextAsync("OK", sid)); // Twilio's retry, over the limit too

        await line.AdvanceAsync(TimeSpan.FromMinutes(21));
        Assert.Empty(line.SentTo(number));
        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.EndedByOk));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_retried_late_OK_whose_note_was_not_taken_takes_it(bool onRedis)
    {
        RecordWriteFailsOnce records = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, RecordWriteFailsOnce.Register(made => records = made));
        var line = faulty.Line;
        var number = TestNumbers.Next();
        var phone = line.Phone(number);
        await phone.TextAsync("hi");
        await phone.TextAsync("CHECK 20");
        await line.AdvanceAsync(TimeSpan.FromMinutes(20));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        var sid = phone.NextSid();
        records.Arm(SafetyPlans.MissedKind); // the note's delete, after her session's save
        FallbackReply.AssertIsFallback(await phone.TextAsync("OK", sid));
        Assert.Equal(English.CheckInLate, await phone.TextAsync("OK", sid));

        // The note is gone: her next OK is the menu's, not "your check-in time had passed" again.
        Assert.NotEqual(English.CheckInLate, await phone.TextAsync("OK"));
    }
}
