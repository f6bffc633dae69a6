using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Flows;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A contact's NO, STOP or FORGET whose text to a texter who named them failed to be queued (a storage fault) part way
/// through the plans it leaves: a NO or FORGET got the fallback, and sent again, it goes on from there: each texter is
/// told once, the NO is acknowledged, and the decline is written and counted once. A STOP is kept on disk and confirmed,
/// and written once the store answers, to the same end.
/// </summary>
public sealed class ContactLeavingAfterFaultTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_NO_whose_text_to_a_texter_failed_sent_again_tells_each_texter_once_and_is_acknowledged(bool onRedis)
    {
        OutboxFailsOnce outbox = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, OutboxFailsOnce.Register(made => outbox = made));
        var line = faulty.Line;
        var (rosaNumber, beaNumber, contactNumber) = await AgreedToRosaAskedByBeaAsync(line);
        var contact = line.Phone(contactNumber);

        outbox.Arm("buddy_declined"); // Rosa is told, then Bea's "said no" fails to be queued
        FallbackReply.AssertIsFallback(await contact.TextAsync("NO"));
        await line.PassesAsync();
        Assert.Empty(line.SentTo(beaNumber));

        Assert.Equal(English.BuddyDeclineAck, await contact.TextAsync("NO"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed, English.BuddyLeft], line.SentTo(rosaNumber));
        Assert.Equal([English.BuddyDeclined], line.SentTo(beaNumber));
        Assert.Equal(2, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactDeclined));
        // Declined for good: a NO after that one gets the menu's answer, and no one is asked to count on them again.
        Assert.NotEqual(English.BuddyDeclineAck, await contact.TextAsync("NO"));
        var other = line.Phone(TestNumbers.Next());
        await other.TextAsync("hi");
        Assert.Equal(English.BuddyNotAsked, await other.TextAsync($"BUDDY {contactNumber} Eva"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_STOP_whose_text_to_a_texter_failed_is_kept_on_disk_and_tells_each_texter_once(bool onRedis)
    {
        OutboxFailsOnce outbox = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, OutboxFailsOnce.Register(made => outbox = made));
        var line = faulty.Line;
        var (rosaNumber, beaNumber, contactNumber) = await AgreedToRosaAskedByBeaAsync(line);
        var contact = line.Phone(contactNumber);

        outbox.Arm("buddy_left"); // Rosa's "will not get texts" fails to be queued, before Bea is told
        // Kept on disk and confirmed (OptOutSpool): the line goes on from there once the store answers.
        Assert.Equal(English.StopConfirm, await contact.TextAsync("STOP"));
        await line.Factory.Services.GetRequiredService<WestmontTextLine.Spool.OptOutSpoolWorker>().RunPassAsync(CancellationToken.None);

        Assert.Null(await contact.TextAsync("STOP"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed, English.BuddyLeft], line.SentTo(rosaNumber));
        Assert.Equal([English.BuddyLeft], line.SentTo(beaNumber));
        Assert.Equal(2, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactDeclined));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_FORGET_whose_text_to_a_texter_failed_sent_again_tells_each_texter_once(bool onRedis)
    {
        OutboxFailsOnce outbox = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, OutboxFailsOnce.Register(made => outbox = made));
        var line = faulty.Line;
        var (rosaNumber, beaNumber, contactNumber) = await AgreedToRosaAskedByBeaAsync(line);
        var contact = line.Phone(contactNumber);

        outbox.Arm("buddy_left");
        FallbackReply.AssertIsFallback(await contact.TextAsync("FORGET"));

        Assert.Contains(await contact.TextAsync("FORGET"), new[] { English.ForgetConfirm, English.ForgetConfirmNoProviderDeletion });
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed, English.BuddyLeft], line.SentTo(rosaNumber));
        Assert.Equal([English.BuddyLeft], line.SentTo(beaNumber));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_NO_whose_plan_write_failed_after_she_was_told_sent_again_tells_her_once(bool onRedis)
    {
        RecordWriteFailsOnce records = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, RecordWriteFailsOnce.Register(made => records = made));
        var line = faulty.Line;
        var (texterNumber, contactNumber) = await line.AskedAsync();
        var contact = line.Phone(contactNumber);

        records.Arm("safety-plan"); // her "said no" is queued, then her plan's write fails
        FallbackReply.AssertIsFallback(await contact.TextAsync("NO"));

        Assert.Equal(English.BuddyDeclineAck, await contact.TextAsync("NO"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyDeclined], line.SentTo(texterNumber));
        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactDeclined));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_FORGET_cut_short_after_an_earlier_NO_is_finished_by_a_NO_that_counts_nothing_again(bool onRedis)
    {
        RecordWriteFailsOnce records = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, RecordWriteFailsOnce.Register(made => records = made));
        var line = faulty.Line;
        var (texterNumber, contactNumber) = await line.AskedAsync();
        var contact = line.Phone(contactNumber);
        Assert.Equal(English.BuddyDeclineAck, await contact.TextAsync("NO"));

        records.Arm("safety-contact", skip: 1); // their FORGET marks their record as leaving; its last write fails
        FallbackReply.AssertIsFallback(await contact.TextAsync("FORGET"));

        Assert.Equal(English.BuddyDeclineAck, await contact.TextAsync("NO"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyDeclined], line.SentTo(texterNumber));
        Assert.Equal(1, (await UsageToday.OfAsync(line.Factory)).GetValueOrDefault(CheckInMetrics.ContactDeclined));
    }

    /// <summary>
    /// Their FORGET got the fallback part way ("text again later"), and their next text is NO, not FORGET: the NO is
    /// answered and kept as a NO (declined for good, each texter told once), since the line cannot tell it still means
    /// FORGET. Their FORGET again then deletes all but the mark that keeps them from being asked again.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_FORGET_cut_short_then_a_NO_declines_and_their_FORGET_again_keeps_only_that_mark(bool onRedis)
    {
        OutboxFailsOnce outbox = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, OutboxFailsOnce.Register(made => outbox = made));
        var line = faulty.Line;
        var (rosaNumber, beaNumber, contactNumber) = await AgreedToRosaAskedByBeaAsync(line);
        var contact = line.Phone(contactNumber);

        outbox.Arm("buddy_left"); // Rosa's "will not get texts" fails to be queued, before Bea is told
        FallbackReply.AssertIsFallback(await contact.TextAsync("FORGET"));
        Assert.Equal(English.BuddyDeclineAck, await contact.TextAsync("NO"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed, English.BuddyLeft], line.SentTo(rosaNumber));
        Assert.Equal([English.BuddyDeclined], line.SentTo(beaNumber));

        Assert.Contains(await contact.TextAsync("FORGET"), new[] { English.ForgetConfirm, English.ForgetConfirmNoProviderDeletion });
        var contactKey = line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(contactNumber);
        var kept = await line.Factory.Services.GetRequiredService<SafetyPlans>().ContactAsync(contactKey, CancellationToken.None);
        Assert.NotNull(kept);
        Assert.True(kept.Declined);
        Assert.Empty(kept.RequestedAt);
        Assert.Empty(kept.Texters);
        Assert.Null(kept.Language);
        Assert.Null(kept.LastUsedAt);
        Assert.Null(kept.AnsweredByText);
        var other = line.Phone(TestNumbers.Next());
        await other.TextAsync("hi");
        Assert.Equal(English.BuddyNotAsked, await other.TextAsync($"BUDDY {contactNumber} Eva"));
    }

    /// <summary>Rosa's contact agreed (she was told); two hours on, Bea asked the same number, which has not answered her.</summary>
    private static async Task<(string Rosa, string Bea, string Contact)> AgreedToRosaAskedByBeaAsync(CheckInLine line)
    {
        var (rosaNumber, beaNumber, contactNumber) = (TestNumbers.Next(), TestNumbers.Next(), TestNumbers.Next());
        await line.Phone(rosaNumber).TextAsync("hi");
        Assert.Equal(English.BuddyRequested, await line.Phone(rosaNumber).TextAsync($"BUDDY {contactNumber} Rosa"));
        await line.PassesAsync();
        Assert.Equal(English.BuddyThanks, await line.Phone(contactNumber).TextAsync("YES"));
        await line.AdvanceAsync(TimeSpan.FromHours(2));
        await line.Phone(beaNumber).TextAsync("hi");
        Assert.Equal(English.BuddyRequested, await line.Phone(beaNumber).TextAsync($"BUDDY {contactNumber} Bea"));
        await line.PassesAsync();
        return (rosaNumber, beaNumber, contactNumber);
    }
}
