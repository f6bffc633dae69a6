using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Spool;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// A STOP kept on disk while the SQLite file was locked is counted in the usage counts (the console's Usage page) as
/// one the store took at once: a text, a STOP, her conversation if it was her first text. Counted when it is written
/// through, once: the same opt-out found in the file again (a crash before the file was rewritten) adds nothing.
/// </summary>
public sealed class SpooledStopCountTests
{
    private const string Stops = UsageMetrics.KeywordPrefix + "stop";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task A_stop_kept_on_disk_is_counted_once_when_written_through_and_not_again_when_the_spool_is_replayed()
    {
        await using var factory = new TextLineFactory { BackgroundWorkers = false };
        var phone = factory.CreateTwilioClient(TestNumbers.Next());
        await phone.TextAsync("hi");
        var before = await UsageToday.OfAsync(factory);

        var kept = await StopUnderLockAsync(factory, phone);
        var worker = factory.Services.GetRequiredService<OptOutSpoolWorker>();
        await worker.RunPassAsync(CancellationToken.None);
        Assert.Equal(0, factory.Services.GetRequiredService<OptOutSpool>().Count);
        AssertCountedOnce(before, await UsageToday.OfAsync(factory), conversations: 0);

        // The process stopped after the store took it, before the file was rewritten: the next start finds it again.
        Assert.True(factory.Services.GetRequiredService<OptOutSpool>().Keep(kept));
        await worker.RunPassAsync(CancellationToken.None);
        Assert.Equal(0, factory.Services.GetRequiredService<OptOutSpool>().Count);
        AssertCountedOnce(before, await UsageToday.OfAsync(factory), conversations: 0);
    }

    [Fact]
    public async Task A_first_text_stop_kept_on_disk_counts_her_conversation_as_the_store_would_have()
    {
        await using var factory = new TextLineFactory { BackgroundWorkers = false };
        // Someone else's text opens the store.
        await factory.CreateTwilioClient(TestNumbers.Next()).TextAsync("hi");
        var before = await UsageToday.OfAsync(factory);

        await StopUnderLockAsync(factory, factory.CreateTwilioClient(TestNumbers.Next()));
        await factory.Services.GetRequiredService<OptOutSpoolWorker>().RunPassAsync(CancellationToken.None);

        AssertCountedOnce(before, await UsageToday.OfAsync(factory), conversations: 1);
    }

    [Fact]
    public async Task A_contacts_stop_kept_on_disk_counts_the_plan_it_left_once_and_not_again_when_the_spool_is_replayed()
    {
        await using var line = await CheckInLine.StartAsync();
        var (_, contactNumber) = await line.AskedAsync();
        Assert.Equal(English.BuddyThanks, await line.Phone(contactNumber).TextAsync("YES"));
        await line.PassesAsync();
        var before = await UsageToday.OfAsync(line.Factory);

        var kept = await StopUnderLockAsync(line.Factory, line.Phone(contactNumber));
        var worker = line.Factory.Services.GetRequiredService<OptOutSpoolWorker>();
        await worker.RunPassAsync(CancellationToken.None);
        Assert.Equal(1, Declines(before, await UsageToday.OfAsync(line.Factory)));

        // The process stopped after the store took it, before the file was rewritten: the next start finds it again.
        Assert.True(line.Factory.Services.GetRequiredService<OptOutSpool>().Keep(kept));
        await worker.RunPassAsync(CancellationToken.None);
        Assert.Equal(0, line.Factory.Services.GetRequiredService<OptOutSpool>().Count);
        Assert.Equal(1, Declines(before, await UsageToday.OfAsync(line.Factory)));
    }

    [Fact]
    public async Task A_contacts_stop_whose_write_through_failed_part_way_counts_the_plan_it_left_once_the_next_pass_finishes()
    {
        OutboxFailsOnce outbox = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis: false, OutboxFailsOnce.Register(made => outbox = made));
        var line = faulty.Line;
        var (_, contactNumber) = await line.AskedAsync();
        Assert.Equal(English.BuddyThanks, await line.Phone(contactNumber).TextAsync("YES"));
        await line.PassesAsync();
        var before = await UsageToday.OfAsync(line.Factory);

        await StopUnderLockAsync(line.Factory, line.Phone(contactNumber));
        outbox.Arm("buddy_left"); // her session is saved opted out, then the texter's "will not get texts" fails to be queued
        var worker = line.Factory.Services.GetRequiredService<OptOutSpoolWorker>();
        await worker.RunPassAsync(CancellationToken.None);
        Assert.Equal(1, line.Factory.Services.GetRequiredService<OptOutSpool>().Count);
        await worker.RunPassAsync(CancellationToken.None);

        Assert.Equal(0, line.Factory.Services.GetRequiredService<OptOutSpool>().Count);
        Assert.Equal(1, Declines(before, await UsageToday.OfAsync(line.Factory)));
    }

    private static long Declines(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.GetValueOrDefault(CheckInMetrics.ContactDeclined) - before.GetValueOrDefault(CheckInMetrics.ContactDeclined);

    private static async Task<SpooledOptOut> StopUnderLockAsync(TextLineFactory factory, TwilioClient phone)
    {
        await using (await SqliteFileLocked.TakeAsync(factory.DatabasePath))
        {
            Assert.Equal(English.StopConfirm, await phone.TextAsync("STOP"));
        }
        return Assert.Single(factory.Services.GetRequiredService<OptOutSpool>().Waiting);
    }

    private static void AssertCountedOnce(Dictionary<string, long> before, Dictionary<string, long> after, int conversations)
    {
        Assert.Equal(1, after.GetValueOrDefault(Stops) - before.GetValueOrDefault(Stops));
        Assert.Equal(1, after.GetValueOrDefault(UsageMetrics.Texts) - before.GetValueOrDefault(UsageMetrics.Texts));
        Assert.Equal(conversations, after.GetValueOrDefault(UsageMetrics.Conversations) - before.GetValueOrDefault(UsageMetrics.Conversations));
    }
}
