using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sessions;
using WestmontTextLine.Spool;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// A STOP the store and the full disk both refused is held in memory until the spool's worker, every second, moves
/// it to the file or the store. A clean stop in that second, or before any pass ran once the disk had room, lost it:
/// the line started again texted her. The stop now gives held opt-outs one last try.
/// </summary>
public sealed class HeldOptOutsAtStopTests
{
    [SkippableFact]
    public async Task A_held_opt_out_the_disk_takes_at_a_clean_stop_is_kept_and_honoured_after_the_restart()
    {
        Skip.IfNot(SmallVolume.CanMount, SmallVolume.CannotMount);
        using var volume = SmallVolume.Mount(megabytes: 2);
        var database = Path.Combine(volume.Path, "textline.db");
        var her = TestNumbers.Next();
        var factory = new TextLineFactory { DatabasePath = database, BackgroundWorkers = false, KeepDatabase = true, FoldsSessionLog = false };
        await using (factory)
        {
            await factory.CreateTwilioClient(her).TextAsync("hi");
            volume.Fill();
            var writer = await DatabasePageLimit.FillAsync(factory, "+1630556");
            await using (await SqliteFileLocked.TakeAsync(database))
            {
                volume.Fill();
                FallbackReply.AssertIsFallback(await factory.CreateTwilioClient(her).TextAsync("STOP"));
            }
            Assert.Equal(1, factory.Services.GetRequiredService<OptOutSpool>().HeldInMemory);

            // Room again, and the line is stopped before the spool's worker has moved her opt-out.
            File.Delete(Path.Combine(volume.Path, "filler"));
            DatabasePageLimit.Lift(writer);
        }
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains("Opt-outs lost as the line stopped", StringComparison.Ordinal));

        await using var restarted = new TextLineFactory { DatabasePath = database, BackgroundWorkers = false };
        Assert.Null(await restarted.CreateTwilioClient(her).TextAsync("hi"));
        Assert.True((await restarted.Services.GetRequiredService<ISessionStore>().LoadAsync(restarted.SenderKeyOf(her)))!.OptedOut);
    }

    [Fact]
    public async Task A_held_opt_out_the_store_takes_at_a_clean_stop_is_in_the_store_after_the_restart()
    {
        FaultySessionStore? store = null;
        var factory = new TextLineFactory
        {
            BackgroundWorkers = false,
            KeepDatabase = true,
            TestServices = services =>
            {
                // The spool in memory, filled below: it refuses her opt-out as the spool is full, now and at the stop.
                services.AddSingleton(new SpoolFiles(null));
                services.AddSingleton<ISessionStore>(provider =>
                    store = new FaultySessionStore(new SqliteSessionStore(provider.GetRequiredService<SqliteWriter>())));
            },
        };
        var her = TestNumbers.Next();
        await using (factory)
        {
            await factory.CreateTwilioClient(her).TextAsync("hi");
            var spool = factory.Services.GetRequiredService<OptOutSpool>();
            var now = factory.Clock.GetUtcNow();
            SpoolFilled.ToCapacity(spool, now);
            store!.Mode = FaultySessionStore.Fault.Throw;
            FallbackReply.AssertIsFallback(await factory.CreateTwilioClient(her).TextAsync("STOP"));
            Assert.Equal(1, spool.HeldInMemory);

            // The store answers again, and the line is stopped before the spool's worker has written her opt-out.
            store.Mode = FaultySessionStore.Fault.None;
        }

        await using var restarted = new TextLineFactory { DatabasePath = factory.DatabasePath, BackgroundWorkers = false };
        Assert.True((await restarted.Services.GetRequiredService<ISessionStore>().LoadAsync(restarted.SenderKeyOf(her)))!.OptedOut);
        Assert.Null(await restarted.CreateTwilioClient(her).TextAsync("hi"));
    }
}
