using WestmontTextLine.CheckIns;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A BUDDY, or a contact's YES or NO, that got the fallback ("something went wrong", 911) after it had queued its text
/// to the other person (the request; "they agreed"; "they said no"): every save of its session lost its version check,
/// or Redis froze as the request was queued. Sent again, it is answered with what is true: she is told her contact was
/// asked (not "one person a day"), and they get one request; the contact is told their answer counted, and she hears
/// it once.
/// </summary>
public sealed class ContactTextsAfterFallbackTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_BUDDY_sent_again_after_the_fallback_is_told_her_contact_was_asked_who_gets_one_request(bool onRedis)
    {
        await using var conflicts = await VersionConflictLine.StartAsync(onRedis);
        var line = conflicts.Line;
        var texterNumber = TestNumbers.Next();
        var contactNumber = TestNumbers.Next();
        var texter = line.Phone(texterNumber);
        await texter.TextAsync("hi");

        conflicts.Sessions.BeatNextSaves(int.MaxValue); // every save of the BUDDY loses its version check: the line gives up on it
        FallbackReply.AssertIsFallback(await texter.TextAsync($"BUDDY {contactNumber} Ana"));
        conflicts.Sessions.BeatNextSaves(0);
        await line.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(English.BuddyRequested, await texter.TextAsync($"BUDDY {contactNumber} Ana"));
        await line.PassesAsync();
        Assert.StartsWith("Ana asked the Westmont Text Line to text you", Assert.Single(line.SentTo(contactNumber)));
        Assert.Equal(English.BuddyThanks, await line.Phone(contactNumber).TextAsync("YES"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed], line.SentTo(texterNumber));
    }

    /// <summary>
    /// Her first BUDDY asked them but its session was never saved, so it counted nothing; her BUDDY again counts the
    /// contact asked, and a third counts it no more.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_BUDDY_sent_again_after_the_fallback_counts_her_contact_asked_once(bool onRedis)
    {
        await using var conflicts = await VersionConflictLine.StartAsync(onRedis);
        var line = conflicts.Line;
        var texterNumber = TestNumbers.Next();
        var contactNumber = TestNumbers.Next();
        var texter = line.Phone(texterNumber);
        await texter.TextAsync("hi");

        conflicts.Sessions.BeatNextSaves(int.MaxValue);
        FallbackReply.AssertIsFallback(await texter.TextAsync($"BUDDY {contactNumber} Ana"));
        conflicts.Sessions.BeatNextSaves(0);
        await line.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactAsked));

        Assert.Equal(English.BuddyRequested, await texter.TextAsync($"BUDDY {contactNumber} Ana"));
        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactAsked));
        Assert.Equal(English.BuddyRequested, await texter.TextAsync($"BUDDY {contactNumber} Ana"));
        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactAsked));
        await line.PassesAsync();
        Assert.Single(line.SentTo(contactNumber));
    }

    [Fact]
    public async Task A_BUDDY_whose_request_met_a_frozen_redis_sent_again_asks_her_contact_once()
    {
        using var redis = RedisServer.Start();
        var pause = new PauseRedisOnce(redis);
        await using var line = await CheckInLine.StartAsync(new RedisTextLineFactory(redis.ConnectionString) { TestServices = pause.Install });
        try
        {
            var texterNumber = TestNumbers.Next();
            var contactNumber = TestNumbers.Next();
            var texter = line.Phone(texterNumber);
            await texter.TextAsync("hi");

            pause.Arm(sendLabel: "buddy_request");
            FallbackReply.AssertIsFallback(await texter.TextAsync($"BUDDY {contactNumber} Ana"));
            await pause.ResumedAsync();
            await line.AdvanceAsync(TimeSpan.FromMinutes(2));

            Assert.Equal(English.BuddyRequested, await texter.TextAsync($"BUDDY {contactNumber} Ana"));
            await line.PassesAsync();
            Assert.StartsWith("Ana asked the Westmont Text Line to text you", Assert.Single(line.SentTo(contactNumber)));
        }
        finally
        {
            await pause.ResumedAsync();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_BUDDY_whose_plan_write_failed_sent_again_asks_her_contact_and_keeps_her_one_a_day(bool onRedis)
    {
        RecordWriteFailsOnce records = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, RecordWriteFailsOnce.Register(made => records = made));
        var line = faulty.Line;
        var texterNumber = TestNumbers.Next();
        var contactNumber = TestNumbers.Next();
        var texter = line.Phone(texterNumber);
        await texter.TextAsync("hi");

        records.Arm("safety-plan"); // her plan's write fails: no one is asked
        FallbackReply.AssertIsFallback(await texter.TextAsync($"BUDDY {contactNumber} Ana"));
        await line.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Empty(line.SentTo(contactNumber));

        Assert.Equal(English.BuddyRequested, await texter.TextAsync($"BUDDY {contactNumber} Ana"));
        await line.PassesAsync();
        Assert.StartsWith("Ana asked the Westmont Text Line to text you", Assert.Single(line.SentTo(contactNumber)));
        // That was her one request of the day.
        Assert.Equal(English.BuddyRemoved, await texter.TextAsync("BUDDY OFF"));
        Assert.Equal(English.BuddyLimit, await texter.TextAsync($"BUDDY {TestNumbers.Next()} Ana"));
    }

    /// <summary>
    /// A number is asked at most 3 times a week. Two texters asked it; a third's BUDDY wrote its ask on the number's
    /// record, then her plan's write failed: no one was asked. Her BUDDY again is that same ask, not a fourth: she is
    /// told they were asked (it was "We cannot ask that number now"), and they get three requests in all.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_BUDDY_whose_plan_write_failed_does_not_use_up_one_of_the_numbers_weekly_asks(bool onRedis)
    {
        RecordWriteFailsOnce records = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, RecordWriteFailsOnce.Register(made => records = made));
        var line = faulty.Line;
        var contactNumber = TestNumbers.Next();
        foreach (var earlier in new[] { TestNumbers.Next(), TestNumbers.Next() })
        {
            await line.Phone(earlier).TextAsync("hi");
            Assert.Equal(English.BuddyRequested, await line.Phone(earlier).TextAsync($"BUDDY {contactNumber} Ana"));
        }
        var texter = line.Phone(TestNumbers.Next());
        await texter.TextAsync("hi");

        records.Arm(SafetyPlans.PlanKind); // the number's record counts her ask, then her plan's write fails
        FallbackReply.AssertIsFallback(await texter.TextAsync($"BUDDY {contactNumber} Bea"));
        await line.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(English.BuddyRequested, await texter.TextAsync($"BUDDY {contactNumber} Bea"));
        await line.PassesAsync();
        Assert.Equal(3, line.SentTo(contactNumber).Count);
        // That was the third ask this week: a fourth texter's is refused.
        var fourth = line.Phone(TestNumbers.Next());
        await fourth.TextAsync("hi");
        Assert.Equal(English.BuddyNotAsked, await fourth.TextAsync($"BUDDY {contactNumber} Cy"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_BUDDY_whose_one_a_day_mark_failed_sent_again_keeps_her_one_a_day(bool onRedis)
    {
        RecordWriteFailsOnce records = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, RecordWriteFailsOnce.Register(made => records = made));
        var line = faulty.Line;
        var texterNumber = TestNumbers.Next();
        var contactNumber = TestNumbers.Next();
        var texter = line.Phone(texterNumber);
        await texter.TextAsync("hi");

        records.Arm("contact-asked"); // her plan asks them, then the mark's write fails
        FallbackReply.AssertIsFallback(await texter.TextAsync($"BUDDY {contactNumber} Ana"));
        await line.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(English.BuddyRequested, await texter.TextAsync($"BUDDY {contactNumber} Ana"));
        await line.PassesAsync();
        Assert.StartsWith("Ana asked the Westmont Text Line to text you", Assert.Single(line.SentTo(contactNumber)));
        Assert.Equal(English.BuddyRemoved, await texter.TextAsync("BUDDY OFF"));
        Assert.Equal(English.BuddyLimit, await texter.TextAsync($"BUDDY {TestNumbers.Next()} Ana"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_contacts_YES_sent_again_after_the_fallback_is_thanked_and_told_to_her_once(bool onRedis)
    {
        await using var conflicts = await VersionConflictLine.StartAsync(onRedis);
        var line = conflicts.Line;
        var (texterNumber, contactNumber) = await line.AskedAsync();
        var contact = line.Phone(contactNumber);
        Assert.Equal(English.BuddyRequestReminder, await contact.TextAsync("who is this")); // a session for the next saves to lose

        conflicts.Sessions.BeatNextSaves(int.MaxValue);
        FallbackReply.AssertIsFallback(await contact.TextAsync("YES"));
        conflicts.Sessions.BeatNextSaves(0);

        Assert.Equal(English.BuddyThanks, await contact.TextAsync("YES"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed], line.SentTo(texterNumber));
        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactAgreed));
        // Thanked once: a YES after that one is a YES from a contact who agreed.
        Assert.Equal(English.BuddyContactReply, await contact.TextAsync("YES"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_contacts_YES_whose_word_to_her_was_never_queued_sent_again_tells_her_once(bool onRedis)
    {
        OutboxFailsOnce outbox = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, OutboxFailsOnce.Register(made => outbox = made));
        var line = faulty.Line;
        var (texterNumber, contactNumber) = await line.AskedAsync();
        var contact = line.Phone(contactNumber);

        outbox.Arm("buddy_agreed"); // her "they agreed" fails to be queued, after their agreement was written
        FallbackReply.AssertIsFallback(await contact.TextAsync("YES"));
        await line.PassesAsync();
        Assert.Empty(line.SentTo(texterNumber));

        Assert.Equal(English.BuddyThanks, await contact.TextAsync("YES"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed], line.SentTo(texterNumber));
    }

    [Theory]
    [InlineData("safety-contact", false)]
    [InlineData("safety-contact", true)]
    [InlineData("safety-plan", false)]
    [InlineData("safety-plan", true)]
    public async Task A_contacts_YES_whose_agreement_was_half_written_sent_again_is_thanked_and_told_to_her_once(string failing, bool onRedis)
    {
        RecordWriteFailsOnce records = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, RecordWriteFailsOnce.Register(made => records = made));
        var line = faulty.Line;
        var (texterNumber, contactNumber) = await line.AskedAsync();
        var contact = line.Phone(contactNumber);

        records.Arm(failing); // one of the two writes of their agreement fails: their record's, or her plan's
        FallbackReply.AssertIsFallback(await contact.TextAsync("YES"));
        await line.PassesAsync();
        Assert.Empty(line.SentTo(texterNumber));

        Assert.Equal(English.BuddyThanks, await contact.TextAsync("YES"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed], line.SentTo(texterNumber));
        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactAgreed));
        Assert.Equal(English.BuddyContactReply, await contact.TextAsync("YES"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_YES_to_her_request_sent_again_tells_her_not_the_texter_they_agreed_with_before(bool onRedis)
    {
        OutboxFailsOnce outbox = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, OutboxFailsOnce.Register(made => outbox = made));
        var line = faulty.Line;
        var (rosaNumber, beaNumber, contactNumber) = (TestNumbers.Next(), TestNumbers.Next(), TestNumbers.Next());
        var contact = line.Phone(contactNumber);
        await line.Phone(rosaNumber).TextAsync("hi");
        Assert.Equal(English.BuddyRequested, await line.Phone(rosaNumber).TextAsync($"BUDDY {contactNumber} Rosa"));
        await line.PassesAsync();
        Assert.Equal(English.BuddyThanks, await contact.TextAsync("YES"));
        await line.AdvanceAsync(TimeSpan.FromHours(2));
        await line.Phone(beaNumber).TextAsync("hi");
        Assert.Equal(English.BuddyRequested, await line.Phone(beaNumber).TextAsync($"BUDDY {contactNumber} Bea"));
        await line.PassesAsync();

        outbox.Arm("buddy_agreed");
        FallbackReply.AssertIsFallback(await contact.TextAsync("YES"));
        Assert.Equal(English.BuddyThanks, await contact.TextAsync("YES"));
        await line.PassesAsync();

        Assert.Equal([English.BuddyAgreed], line.SentTo(beaNumber));
        Assert.Equal([English.BuddyAgreed], line.SentTo(rosaNumber));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_contacts_NO_sent_again_after_the_fallback_is_acknowledged_and_told_to_her_once(bool onRedis)
    {
        await using var conflicts = await VersionConflictLine.StartAsync(onRedis);
        var line = conflicts.Line;
        var (texterNumber, contactNumber) = await line.AskedAsync();
        var contact = line.Phone(contactNumber);
        Assert.Equal(English.BuddyRequestReminder, await contact.TextAsync("who is this")); // a session for the next saves to lose

        conflicts.Sessions.BeatNextSaves(int.MaxValue);
        FallbackReply.AssertIsFallback(await contact.TextAsync("NO"));
        conflicts.Sessions.BeatNextSaves(0);

        Assert.Equal(English.BuddyDeclineAck, await contact.TextAsync("NO"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyDeclined], line.SentTo(texterNumber));
        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactDeclined));
        // Acknowledged once: a NO after that one is a "no" from a number that declined before (the menu's answer).
        Assert.NotEqual(English.BuddyDeclineAck, await contact.TextAsync("NO"));
    }
}
