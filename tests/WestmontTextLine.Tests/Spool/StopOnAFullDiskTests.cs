using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Sessions;
using WestmontTextLine.Spool;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// A STOP that the store refused, on a disk too full for the opt-out spool as well: she got the fallback and nothing
/// kept her opt-out, so a check-in text, a staff reply or any outbox text could still reach her number. The line now
/// holds it in memory (her keyed hash), honours it while the process lives, and writes it as soon as the disk or the
/// store takes it; her reply stays the fallback, since nothing durable holds it yet.
/// </summary>
public sealed class StopOnAFullDiskTests
{
    private const string Body = "Checking in. Reply OK if you are all right.";

    [SkippableFact]
    public async Task A_STOP_the_store_and_the_full_disk_both_refused_stops_texts_to_her_and_is_written_once_there_is_room_through_a_restart()
    {
        Skip.IfNot(SmallVolume.CanMount, SmallVolume.CannotMount);
        using var volume = SmallVolume.Mount(megabytes: 2);
        var database = Path.Combine(volume.Path, "textline.db");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        var her = TestNumbers.Next();
        await using (var factory = new TextLineFactory { DatabasePath = database, BackgroundWorkers = false, KeepDatabase = true, FoldsSessionLog = false }.WithProvider(fake))
        {
            await factory.CreateTwilioClient(TestNumbers.Next()).TextAsync("hi");
            await factory.Services.GetRequiredService<IOutboundTexts>().SendAsync(her, Body, "checkin");
            volume.Fill();
            var writer = await DatabasePageLimit.FillAsync(factory, "+1630558");
            // The writer empties the WAL after a write fails for want of room, which hands its blocks back, where her
            // opt-out's spool line could fit. With the file's write lock held elsewhere (a backup) it cannot: the volume,
            // filled to its last block then, stays full for her STOP, which the store refuses too.
            string? stop;
            await using (await SqliteFileLocked.TakeAsync(database))
            {
                volume.Fill();
                stop = await factory.CreateTwilioClient(her).TextAsync("STOP");
            }
            Assert.True(FallbackReply.IsFallback(stop), $"her STOP was answered: {stop ?? "(nothing)"}");
            Assert.True(factory.Services.GetRequiredService<OptOutSpool>().Holds(factory.SenderKeyOf(her)), "her opt-out is held");

            // The text queued for her is not sent (her opt-out is written to the store first, if it takes it now).
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None);
            Assert.DoesNotContain(fake.Messages, message => message.To == her);

            // Room again: her opt-out is written.
            File.Delete(Path.Combine(volume.Path, "filler"));
            DatabasePageLimit.Lift(writer);
            var store = factory.Services.GetRequiredService<ISessionStore>();
            var spoolWorker = factory.Services.GetRequiredService<OptOutSpoolWorker>();
            await Eventually.AfterPassesAsync(() => spoolWorker.RunPassAsync(CancellationToken.None),
                () => store.LoadAsync(factory.SenderKeyOf(her)).GetAwaiter().GetResult()?.OptedOut == true, "her opt-out written once there is room");
        }

        await using var restarted = new TextLineFactory { DatabasePath = database, BackgroundWorkers = false }.WithProvider(fake);
        Assert.Null(await restarted.CreateTwilioClient(her).TextAsync("hi"));
        Assert.True((await restarted.Services.GetRequiredService<ISessionStore>().LoadAsync(restarted.SenderKeyOf(her)))!.OptedOut);
    }

    [SkippableFact]
    public async Task Her_held_opt_out_once_written_to_the_store_leaves_her_texts_on_a_full_disk_silent_not_the_fallback()
    {
        Skip.IfNot(SmallVolume.CanMount, SmallVolume.CannotMount);
        using var volume = SmallVolume.Mount(megabytes: 2);
        var database = Path.Combine(volume.Path, "textline.db");
        await using var factory = new TextLineFactory { DatabasePath = database, BackgroundWorkers = false, FoldsSessionLog = false };
        var her = factory.CreateTwilioClient(TestNumbers.Next());
        await her.TextAsync("hi");
        volume.Fill();
        var writer = await DatabasePageLimit.FillAsync(factory, "+1630559");
        await using (await SqliteFileLocked.TakeAsync(database))
        {
            volume.Fill();
            FallbackReply.AssertIsFallback(await her.TextAsync("STOP"));
        }
        var spool = factory.Services.GetRequiredService<OptOutSpool>();
        Assert.Equal(1, spool.HeldInMemory);

        // The store takes her opt-out and the spool lets it go (room is freed for it here: whether the room the writer
        // hands back from the WAL holds it on the full disk depends on timing), and the disk fills up again: the saves
        // of her next texts fail for want of room after her session was read, opted out.
        File.Delete(Path.Combine(volume.Path, "filler"));
        DatabasePageLimit.Lift(writer);
        var spoolWorker = factory.Services.GetRequiredService<OptOutSpoolWorker>();
        await Eventually.AfterPassesAsync(() => spoolWorker.RunPassAsync(CancellationToken.None),
            () => spool.Count == 0, "her held opt-out written to the store");
        Assert.True((await factory.Services.GetRequiredService<ISessionStore>().LoadAsync(factory.SenderKeyOf(her.From)))!.OptedOut);
        volume.Fill();
        await DatabasePageLimit.FillAsync(factory, "+1630557");

        Assert.Null(await her.TextAsync("hi"));
        Assert.Null(await her.TextAsync("STOP"));
        Assert.Equal(0, spool.Count);
        Assert.Equal(2, factory.Logs.Lines.Count(line => line.Contains("database or disk is full; sent nothing: she opted out", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public void An_opt_out_the_full_disk_refused_is_held_in_memory_and_goes_to_the_spool_file_once_the_disk_has_room()
    {
        Skip.IfNot(SmallVolume.CanMount, SmallVolume.CannotMount);
        using var volume = SmallVolume.Mount(megabytes: 1);
        var files = new SpoolFiles(Path.Combine(volume.Path, "textline.db"));
        var optOut = new SpooledOptOut(new string('a', 64), DateTimeOffset.UnixEpoch, null, null, OptOutSource.Stop);
        volume.Fill();
        using (var spool = new OptOutSpool(files))
        {
            Assert.Equal(OptOutKept.InMemoryOnly, spool.Keep(optOut, out var refused));
            Assert.Equal("the disk is full", refused!.Why);
            Assert.True(spool.Holds(optOut.SenderKey));
            Assert.Empty(spool.KeepHeldOnDisk());

            File.Delete(Path.Combine(volume.Path, "filler"));
            Assert.Equal([optOut], spool.KeepHeldOnDisk());
            Assert.Equal(0, spool.HeldInMemory);
            Assert.True(spool.Holds(optOut.SenderKey));
        }
        using var afterRestart = new OptOutSpool(files);
        Assert.Equal([optOut], afterRestart.Waiting);
    }
}
